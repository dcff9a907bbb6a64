import {
  Observable,
  type ConfigurationOptions,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { RequestRunner, type RequestPolicy, type RunOptions } from '../http';

/**
 * How a reader of a cluster calls its API server: through a source's
 * RequestRunner (the same retries, timeouts, rate limits and errors as the
 * clouds), or a runner made for the call from a policy.
 */
export interface KubeRequestOptions {
  signal?: AbortSignal;
  runner?: RequestRunner;
  /** Used when no runner is given. */
  policy?: Partial<RequestPolicy>;
  /** Removes the cluster's secrets from error messages. */
  redact?: (message: string) => string;
}

export function runnerFor(options: KubeRequestOptions): RequestRunner {
  return options.runner ?? new RequestRunner({ policy: options.policy });
}

/** Client options that carry the attempt's abort signal into the request. */
export function withSignal(signal: AbortSignal): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (request: RequestContext) => {
          request.setSignal(signal);
          return new Observable(Promise.resolve(request));
        },
        post: (response: ResponseContext) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/**
 * One call of `@kubernetes/client-node` through the runner: each attempt
 * gets its own abort signal, under the policy's timeout.
 */
export function kubeRequest<T>(
  runner: RequestRunner,
  operation: string,
  call: (options: ConfigurationOptions) => Promise<T>,
  options: Pick<RunOptions, 'signal' | 'redact'> = {},
): Promise<T> {
  return runner.run(operation, signal => call(withSignal(signal)), options);
}

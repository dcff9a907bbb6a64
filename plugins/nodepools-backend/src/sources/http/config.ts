import type { Config } from '@backstage/config';
import type { RequestPolicy } from './policy';

/**
 * The request tuning every cloud source block accepts next to its own keys:
 * `concurrency`, `timeoutMs`, `maxAttempts`, `maxRetryWaitMs`.
 */
export function readRequestPolicyConfig(config: Config): Partial<RequestPolicy> {
  return {
    concurrency: config.getOptionalNumber('concurrency'),
    timeoutMs: config.getOptionalNumber('timeoutMs'),
    maxAttempts: config.getOptionalNumber('maxAttempts'),
    maxRetryWaitMs: config.getOptionalNumber('maxRetryWaitMs'),
  };
}

/**
 * The source blocks of one kind, e.g. `nodepools.sources.eks`. Each block's
 * problems are reported with its index by the config reader itself.
 */
export function readSourceBlocks(config: Config, kind: string): Config[] {
  return config.getOptionalConfigArray(`nodepools.sources.${kind}`) ?? [];
}

/**
 * An API base URL from config without its trailing slash, so paths can be
 * appended; a path prefix (a proxy's, say) is kept.
 */
export function baseUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`endpoint must be an absolute URL, got ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`endpoint must be an http or https URL, got ${JSON.stringify(endpoint)}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError('endpoint must not carry a query, a fragment or credentials');
  }
  return url.href.replace(/\/+$/, '');
}

import type { Config } from '@backstage/config';
import { policyValueProblem, type RequestPolicy } from './policy';

const TUNING_KEYS = [
  'concurrency',
  'timeoutMs',
  'maxAttempts',
  'maxRetryWaitMs',
  'maxPages',
] as const;

/**
 * The request tuning a source block accepts next to its own keys:
 * `concurrency`, `timeoutMs`, `maxAttempts`, `maxRetryWaitMs`, `maxPages`.
 * With `where` (the block's key, e.g. `nodepools.sources.eks[0]`), a value
 * that would stall or spin a sync is refused with an error naming its key.
 */
export function readRequestPolicyConfig(
  config: Config,
  where?: string,
): Partial<RequestPolicy> {
  const policy: Partial<RequestPolicy> = {};
  for (const key of TUNING_KEYS) {
    const value = config.getOptionalNumber(key);
    const problem = value === undefined ? undefined : policyValueProblem(key, value);
    if (problem && where) throw new Error(`${where}.${key}: ${problem}`);
    policy[key] = value;
  }
  return policy;
}

/** The key of the `index`th block of a kind, for error messages. */
export function sourceBlockKey(kind: string, index: number): string {
  return `nodepools.sources.${kind}[${index}]`;
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

/**
 * A source block's `endpoint`, checked: an absolute http(s) base URL, and
 * plain HTTP only when the block says `allowInsecureHttp: true`, as the
 * source's credentials (a token, signed requests) would cross the network
 * unencrypted. Errors name the key (`nodepools.sources.doks[0].endpoint`).
 */
export function readEndpoint(block: Config, where: string): string | undefined {
  const endpoint = block.getOptionalString('endpoint');
  const allowInsecureHttp = block.getOptionalBoolean('allowInsecureHttp') ?? false;
  if (endpoint === undefined) return undefined;
  try {
    baseUrl(endpoint);
  } catch (error) {
    throw new Error(`${where}.endpoint: ${(error as Error).message}`);
  }
  if (new URL(endpoint).protocol === 'http:' && !allowInsecureHttp) {
    throw new Error(
      `${where}.endpoint: ${endpoint} is plain HTTP, which would send the source's credentials unencrypted; ` +
        `use https, or set ${where}.allowInsecureHttp: true`,
    );
  }
  return endpoint;
}

import { ConfigReader } from '@backstage/config';
import { baseUrl, readEndpoint, readRequestPolicyConfig, readSourceBlocks } from './config';

describe('readRequestPolicyConfig', () => {
  it('reads the tuning keys of a source block and leaves the rest to defaults', () => {
    const block = new ConfigReader({ id: 'x', concurrency: 4, maxRetryWaitMs: 10_000 });

    expect(readRequestPolicyConfig(block)).toEqual({
      concurrency: 4,
      timeoutMs: undefined,
      maxAttempts: undefined,
      maxRetryWaitMs: 10_000,
      maxPages: undefined,
    });
  });

  it('refuses a value that would stall or spin a sync, naming its key', () => {
    const block = new ConfigReader({ id: 'x', maxPages: 0 });
    expect(() => readRequestPolicyConfig(block, 'nodepools.sources.eks[1]')).toThrow(
      'nodepools.sources.eks[1].maxPages: must be an integer of at least 1, got 0',
    );
  });

  it('names the key of a value of the wrong type', () => {
    const config = new ConfigReader({
      nodepools: { sources: { doks: [{ id: 'x', timeoutMs: 'soon' }] } },
    });
    const [block] = readSourceBlocks(config, 'doks');

    expect(() => readRequestPolicyConfig(block)).toThrow(
      "Unable to convert config value for key 'nodepools.sources.doks[0].timeoutMs' in 'mock-config' to a number",
    );
  });
});

describe('readSourceBlocks', () => {
  it('returns no blocks when the kind is not configured', () => {
    expect(readSourceBlocks(new ConfigReader({}), 'eks')).toEqual([]);
  });
});

describe('baseUrl', () => {
  it('drops trailing slashes and keeps a path prefix', () => {
    expect(baseUrl('https://api.digitalocean.com/')).toBe('https://api.digitalocean.com');
    expect(baseUrl('http://127.0.0.1:8080/proxy/gke/')).toBe('http://127.0.0.1:8080/proxy/gke');
  });

  it('refuses what is not a plain http(s) base URL', () => {
    expect(() => baseUrl('api.digitalocean.com')).toThrow('endpoint must be an absolute URL');
    expect(() => baseUrl('ftp://example.com')).toThrow('endpoint must be an http or https URL');
    expect(() => baseUrl('https://user:pass@example.com')).toThrow(
      'endpoint must not carry a query, a fragment or credentials',
    );
  });
});

describe('readEndpoint', () => {
  const where = 'nodepools.sources.doks[0]';

  it('takes https, and plain http only when allowInsecureHttp says so', () => {
    expect(readEndpoint(new ConfigReader({ endpoint: 'https://api.example.com' }), where)).toBe(
      'https://api.example.com',
    );
    expect(
      readEndpoint(new ConfigReader({ endpoint: 'http://127.0.0.1:4566', allowInsecureHttp: true }), where),
    ).toBe('http://127.0.0.1:4566');
    expect(readEndpoint(new ConfigReader({}), where)).toBeUndefined();
  });

  it('refuses plain http without allowInsecureHttp, naming both keys', () => {
    expect(() => readEndpoint(new ConfigReader({ endpoint: 'http://api.example.com' }), where)).toThrow(
      'nodepools.sources.doks[0].endpoint: http://api.example.com is plain HTTP, which would send the ' +
        "source's credentials unencrypted; use https, or set nodepools.sources.doks[0].allowInsecureHttp: true",
    );
  });

  it('names the key of an endpoint that is no base URL', () => {
    expect(() => readEndpoint(new ConfigReader({ endpoint: 'api.example.com' }), where)).toThrow(
      'nodepools.sources.doks[0].endpoint: endpoint must be an absolute URL, got "api.example.com"',
    );
  });
});

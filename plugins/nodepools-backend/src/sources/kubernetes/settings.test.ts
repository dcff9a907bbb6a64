import { ConfigReader } from '@backstage/config';
import { DEFAULT_REQUEST_POLICY } from './kubeRequest';
import { DEFAULT_POOL_LABEL_KEYS } from './poolLabels';
import { readKubernetesSourceSettings } from './settings';

describe('readKubernetesSourceSettings', () => {
  it('has defaults', () => {
    expect(readKubernetesSourceSettings(new ConfigReader({}))).toEqual({
      pageSize: 500,
      concurrency: 4,
      policy: DEFAULT_REQUEST_POLICY,
      poolLabelKeys: DEFAULT_POOL_LABEL_KEYS,
    });
  });

  it('reads nodepools.kubernetes', () => {
    const settings = readKubernetesSourceSettings(
      new ConfigReader({
        nodepools: {
          kubernetes: {
            pageSize: 250,
            concurrency: 8,
            attempts: 5,
            requestTimeout: 'PT45S',
            poolLabelKeys: ['example.com/pool'],
          },
        },
      }),
    );
    expect(settings).toEqual({
      pageSize: 250,
      concurrency: 8,
      policy: { ...DEFAULT_REQUEST_POLICY, timeoutMs: 45_000, attempts: 5 },
      poolLabelKeys: ['example.com/pool'],
    });
  });

  it('rejects a page size that is not a positive integer, naming the key', () => {
    expect(() =>
      readKubernetesSourceSettings(new ConfigReader({ nodepools: { kubernetes: { pageSize: 0 } } })),
    ).toThrow('nodepools.kubernetes.pageSize: must be a positive integer, got 0');
  });
});

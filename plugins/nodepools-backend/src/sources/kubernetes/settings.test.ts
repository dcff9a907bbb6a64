import { ConfigReader } from '@backstage/config';
import { DEFAULT_REQUEST_POLICY } from '../http';
import { DEFAULT_POOL_LABEL_KEYS } from './poolLabels';
import { readKubernetesSourceSettings } from './settings';

describe('readKubernetesSourceSettings', () => {
  it('has defaults', () => {
    expect(readKubernetesSourceSettings(new ConfigReader({}))).toEqual({
      pageSize: 500,
      concurrency: 4,
      policy: { ...DEFAULT_REQUEST_POLICY, concurrency: 4 },
      poolLabelKeys: DEFAULT_POOL_LABEL_KEYS,
      workloadLabelKeys: ['backstage.io/kubernetes-id', 'app.kubernetes.io/name', 'app'],
    });
  });

  it('reads nodepools.kubernetes with the request keys of the cloud sources', () => {
    const settings = readKubernetesSourceSettings(
      new ConfigReader({
        nodepools: {
          kubernetes: {
            pageSize: 250,
            concurrency: 8,
            timeoutMs: 45_000,
            maxAttempts: 5,
            maxRetryWaitMs: 10_000,
            maxPages: 40,
            poolLabelKeys: ['example.com/pool'],
            workloadLabelKeys: ['example.com/service'],
          },
        },
      }),
    );
    expect(settings).toEqual({
      pageSize: 250,
      concurrency: 8,
      policy: {
        ...DEFAULT_REQUEST_POLICY,
        concurrency: 8,
        timeoutMs: 45_000,
        maxAttempts: 5,
        maxRetryWaitMs: 10_000,
        maxPages: 40,
      },
      poolLabelKeys: ['example.com/pool'],
      workloadLabelKeys: ['example.com/service'],
    });
  });

  it('still reads the former names attempts and requestTimeout', () => {
    const settings = readKubernetesSourceSettings(
      new ConfigReader({ nodepools: { kubernetes: { attempts: 5, requestTimeout: 'PT45S' } } }),
    );
    expect(settings.policy).toMatchObject({ timeoutMs: 45_000, maxAttempts: 5 });
  });

  it('refuses a key given under both its names', () => {
    expect(() =>
      readKubernetesSourceSettings(
        new ConfigReader({ nodepools: { kubernetes: { attempts: 5, maxAttempts: 2 } } }),
      ),
    ).toThrow('nodepools.kubernetes.attempts: replaced by nodepools.kubernetes.maxAttempts; set only maxAttempts');
  });

  it('rejects values that would stall or spin a sync, naming the key', () => {
    expect(() =>
      readKubernetesSourceSettings(new ConfigReader({ nodepools: { kubernetes: { pageSize: 0 } } })),
    ).toThrow('nodepools.kubernetes.pageSize: must be a positive integer, got 0');
    expect(() =>
      readKubernetesSourceSettings(new ConfigReader({ nodepools: { kubernetes: { maxPages: 0 } } })),
    ).toThrow('nodepools.kubernetes.maxPages: must be an integer of at least 1, got 0');
    expect(() =>
      readKubernetesSourceSettings(new ConfigReader({ nodepools: { kubernetes: { timeoutMs: 2.5 } } })),
    ).toThrow('nodepools.kubernetes.timeoutMs: must be an integer of at least 1, got 2.5');
  });
});

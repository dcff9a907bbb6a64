import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { createSources } from './createSources';
import { ClusterConnector } from './kubernetes';

const BLOCKS = {
  eks: { id: 'aws', regions: ['us-east-1'] },
  gke: { id: 'gcp', projects: ['shop-prod'] },
  aks: { id: 'azure', subscriptionId: '00000000-0000-0000-0000-000000000000' },
  doks: { id: 'do', token: 'dop_v1_token_value' },
};

const create = (sources: JsonObject) =>
  createSources(new ConfigReader({ nodepools: { sources } }), {
    logger: mockServices.logger.mock(),
    connector: new ClusterConnector(),
  });

describe('createSources', () => {
  it.each(Object.entries(BLOCKS))(
    'refuses a plain http endpoint for %s unless the block allows it',
    (kind, block) => {
      expect(() => create({ [kind]: [{ ...block, endpoint: 'http://127.0.0.1:8080' }] })).toThrow(
        `nodepools.sources.${kind}[0].endpoint: http://127.0.0.1:8080 is plain HTTP`,
      );
      const [{ source }] = create({
        [kind]: [{ ...block, endpoint: 'http://127.0.0.1:8080', allowInsecureHttp: true }],
      });
      expect(source.kind).toBe(kind);
    },
  );
});

describe('shards', () => {
  it.each(Object.entries(BLOCKS))('are read from a %s block, one task when absent', (kind, block) => {
    expect(create({ [kind]: [{ ...block, shards: 4 }] })[0].shards).toBe(4);
    expect(create({ [kind]: [block] })[0].shards).toBeUndefined();
  });

  it.each([[0], [2.5], [1001]])('refuse %p naming the block', shards => {
    expect(() => create({ eks: [{ ...BLOCKS.eks, shards }] })).toThrow(
      `Invalid number at 'nodepools.sources.eks[0].shards': expected a whole number from 1 to 1000, got ${shards}`,
    );
  });
});

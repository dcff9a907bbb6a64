import { inspect } from 'node:util';
import { ConfigReader } from '@backstage/config';
import { readKubernetesClusters } from './clusters';

const SECRET = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InNlY3JldCJ9.secret-token';

function config(data: object) {
  return new ConfigReader(data);
}

describe('readKubernetesClusters', () => {
  it('reads config locators the way Backstage does, with nodepools overrides', () => {
    const { clusters, warnings } = readKubernetesClusters(
      config({
        kubernetes: {
          serviceLocatorMethod: { type: 'multiTenant' },
          clusterLocatorMethods: [
            { type: 'catalog' },
            {
              type: 'config',
              clusters: [
                {
                  name: 'prod-use1',
                  title: 'Production',
                  url: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
                  authProvider: 'aws',
                  assumeRole: 'arn:aws:iam::123456789012:role/backstage',
                  externalId: 'ext-1',
                  caData: 'LS0tLS1CRUdJTi==',
                },
                {
                  name: 'gke-eu',
                  url: 'https://10.0.0.1',
                  authMetadata: {
                    'kubernetes.io/auth-provider': 'googleServiceAccount',
                    other: { nested: true },
                  },
                  skipTLSVerify: true,
                },
                {
                  name: 'onprem',
                  url: 'https://k8s.example.internal:6443',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: SECRET,
                  caFile: '/etc/ssl/onprem-ca.pem',
                },
                {
                  name: 'eks-auto',
                  url: 'https://DEF.gr7.eu-west-1.eks.amazonaws.com',
                  authProvider: 'aws',
                  authMetadata: {
                    'kubernetes.io/aws-assume-role': 'arn:aws:iam::210987654321:role/reader',
                    'kubernetes.io/x-k8s-aws-id': 'auto-mode-demo',
                  },
                },
              ],
            },
          ],
        },
        nodepools: {
          kubernetes: {
            clusters: [
              {
                name: 'prod-use1',
                cloudCluster: {
                  provider: 'eks',
                  account: '123456789012',
                  region: 'us-east-1',
                  cluster: 'prod',
                },
              },
              { name: 'retired', cloudCluster: { provider: 'gke', cluster: 'old' } },
            ],
          },
        },
      }),
    );

    expect(clusters.map(c => [c.name, c.authProvider])).toEqual([
      ['prod-use1', 'aws'],
      ['gke-eu', 'googleServiceAccount'],
      ['onprem', 'serviceAccount'],
      ['eks-auto', 'aws'],
    ]);
    const [prod, gke, onprem, auto] = clusters;
    expect(prod.title).toBe('Production');
    expect(prod.poolIdentity()).toEqual({
      cluster: 'prod',
      account: '123456789012',
      region: 'us-east-1',
    });
    expect(prod.authSettings().aws).toEqual({
      assumeRole: 'arn:aws:iam::123456789012:role/backstage',
      externalId: 'ext-1',
      clusterId: 'prod-use1',
    });
    expect(prod.authSettings().caData).toBe('LS0tLS1CRUdJTi==');
    expect(gke.skipTLSVerify).toBe(true);
    expect(gke.poolIdentity()).toEqual({ cluster: 'gke-eu' });
    expect(onprem.authSettings().serviceAccountToken).toBe(SECRET);
    expect(onprem.caFile).toBe('/etc/ssl/onprem-ca.pem');
    expect(auto.authSettings().aws).toEqual({
      assumeRole: 'arn:aws:iam::210987654321:role/reader',
      externalId: undefined,
      clusterId: 'auto-mode-demo',
    });

    expect(warnings).toEqual([
      "kubernetes.clusterLocatorMethods[0]: locator type 'catalog' is not read by nodepools; only 'config' clusters are synced",
      "nodepools.kubernetes.clusters: cluster 'retired' is not among the configured Kubernetes clusters; its override is ignored",
    ]);
  });

  it('keeps secrets out of every serialization of a cluster', () => {
    const { clusters } = readKubernetesClusters(
      config({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                { name: 'c', url: 'https://c', authProvider: 'serviceAccount', serviceAccountToken: SECRET },
              ],
            },
          ],
        },
      }),
    );
    expect(JSON.stringify(clusters)).not.toContain(SECRET);
    expect(inspect(clusters, { depth: 10 })).not.toContain(SECRET);
    expect(JSON.parse(JSON.stringify(clusters[0]))).toEqual({
      name: 'c',
      url: 'https://c',
      authProvider: 'serviceAccount',
      skipTLSVerify: false,
    });
  });

  it('has no clusters when the kubernetes plugin is not configured', () => {
    expect(readKubernetesClusters(config({}))).toEqual({ clusters: [], warnings: [] });
  });

  it.each([
    [
      'a cluster without a name',
      { clusterLocatorMethods: [{ type: 'config', clusters: [{ url: 'https://x', authProvider: 'aws' }] }] },
      /clusterLocatorMethods\[0\]\.clusters\[0\]\.name/,
    ],
    [
      'a cluster without an auth provider',
      { clusterLocatorMethods: [{ type: 'config', clusters: [{ name: 'x', url: 'https://x' }] }] },
      "kubernetes.clusterLocatorMethods[0].clusters[0].authProvider: missing; set serviceAccount, aws, google, googleServiceAccount or azure",
    ],
    [
      'the same cluster twice',
      {
        clusterLocatorMethods: [
          { type: 'config', clusters: [{ name: 'x', url: 'https://x', authProvider: 'aws' }] },
          { type: 'config', clusters: [{ name: 'x', url: 'https://y', authProvider: 'aws' }] },
        ],
      },
      "kubernetes.clusterLocatorMethods[1].clusters[0].name: cluster 'x' is configured twice",
    ],
  ])('rejects %s, naming the key', (_what, kubernetes, message) => {
    expect(() => readKubernetesClusters(config({ kubernetes }))).toThrow(message);
  });

  it('rejects an override with an unknown provider, naming the key', () => {
    expect(() =>
      readKubernetesClusters(
        config({
          nodepools: {
            kubernetes: { clusters: [{ name: 'x', cloudCluster: { provider: 'ec2', cluster: 'x' } }] },
          },
        }),
      ),
    ).toThrow(
      "nodepools.kubernetes.clusters[0].cloudCluster.provider: 'ec2' is not one of eks, karpenter, gke, aks, doks, kubernetes",
    );
  });
});

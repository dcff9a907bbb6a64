import { issuesOf } from './__fixtures__';
import { detectExport, SUPPORTED_EXPORTS } from './detect';

const ctx = { file: 'x.json' };
const detect = (...documents: unknown[]) => detectExport(documents, ctx);
const summary = (...documents: unknown[]) => {
  const { format, items, completeListing } = detect(...documents);
  return { format, indexes: items.map(i => i.index), completeListing };
};

const eks = { nodegroupName: 'a', clusterName: 'c' };
const gke = { name: 'p', config: { machineType: 'e2-medium' } };
const aksArm = {
  id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerService/managedClusters/c/agentPools/p',
  name: 'p',
  properties: { vmSize: 'Standard_D2s_v5' },
};
const aksCli = { name: 'p', vmSize: 'Standard_D2s_v5', typePropertiesType: 'VirtualMachineScaleSets' };
const doks = { name: 'p', size: 's-2vcpu-4gb', count: 1, auto_scale: false };
const nodePool = { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'a' } };
const nodeClass = { apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name: 'a' } };

describe('detectExport', () => {
  it('places every EKS form', () => {
    expect(summary({ nodegroup: eks })).toEqual({
      format: 'eks',
      indexes: [0],
      completeListing: false,
    });
    expect(summary([{ nodegroup: eks }, { nodegroup: eks }])).toMatchObject({
      format: 'eks',
      indexes: [0, 1],
    });
    expect(summary([eks])).toMatchObject({ format: 'eks' });
    expect(summary({ nodegroups: [eks, { nodegroup: eks }] })).toMatchObject({
      format: 'eks',
      indexes: [0, 1],
    });
    expect(detect({ nodegroup: eks }).items[0].value).toBe(eks);
  });

  it('places GKE, AKS and DigitalOcean lists and single records', () => {
    expect(summary({ nodePools: [gke] })).toEqual({
      format: 'gke',
      indexes: [0],
      completeListing: true,
    });
    expect(summary([gke, gke])).toMatchObject({ format: 'gke' });
    expect(summary(gke)).toEqual({ format: 'gke', indexes: [0], completeListing: false });
    expect(summary({ value: [aksArm] })).toEqual({
      format: 'aks-arm',
      indexes: [0],
      completeListing: true,
    });
    expect(summary({ value: [aksArm], nextLink: 'https://management.azure.com/next' })).toMatchObject({
      completeListing: false,
    });
    expect(summary({ value: [aksCli] })).toMatchObject({ format: 'aks-cli' });
    expect(summary(aksArm)).toEqual({ format: 'aks-arm', indexes: [0], completeListing: false });
    expect(summary([aksCli, aksCli])).toEqual({
      format: 'aks-cli',
      indexes: [0, 1],
      completeListing: true,
    });
    expect(summary(aksCli)).toMatchObject({ format: 'aks-cli', completeListing: false });
    expect(summary({ node_pools: [doks] })).toMatchObject({
      format: 'doks',
      completeListing: true,
    });
    expect(summary({ node_pool: doks })).toMatchObject({ format: 'doks', completeListing: false });
    expect(summary([doks])).toMatchObject({ format: 'doks' });
  });

  it('accepts empty listings whose wrapper names the cloud', () => {
    expect(summary({ nodePools: [] })).toEqual({
      format: 'gke',
      indexes: [],
      completeListing: true,
    });
    expect(summary({ value: [] })).toMatchObject({ format: 'aks-arm', indexes: [] });
  });

  it('keeps NodePools among other Kubernetes objects, counting every object', () => {
    expect(summary(nodeClass, nodePool, nodeClass, nodePool)).toMatchObject({
      format: 'karpenter',
      indexes: [1, 3],
    });
    expect(summary({ apiVersion: 'v1', kind: 'List', items: [nodeClass, nodePool] })).toMatchObject({
      indexes: [1],
    });
    expect(summary({ ...nodePool, apiVersion: 'karpenter.sh/v1beta1' })).toMatchObject({ indexes: [0] });
  });

  it('reads several YAML documents that are not Kubernetes objects as a list', () => {
    expect(summary(gke, gke, gke)).toMatchObject({ format: 'gke', indexes: [0, 1, 2] });
  });

  it('explains `aws eks list-nodegroups` output', () => {
    expect(issuesOf(() => detect({ nodegroups: ['a', 'b'] }))[0].message).toMatch(
      /^this is `aws eks list-nodegroups` output, which has names only/,
    );
  });

  it('names the item that does not match the first one', () => {
    expect(issuesOf(() => detect([eks, gke, eks, doks]))).toEqual([
      { file: 'x.json', index: 1, message: 'expected an EKS nodegroup like item 0, got a GKE node pool' },
      { file: 'x.json', index: 3, message: 'expected an EKS nodegroup like item 0, got a DigitalOcean node pool' },
    ]);
    expect(issuesOf(() => detect([aksArm, aksCli, 42]))).toEqual([
      { file: 'x.json', index: 2, message: 'expected an AKS agent pool like item 0, got an unrecognized record' },
    ]);
  });

  it('says an API error response is one', () => {
    const armError = { error: { code: 'AuthorizationFailed', message: 'no access' } };
    expect(issuesOf(() => detect(armError))[0].message).toBe(
      'the export is an error response from the cloud API, not node pools: no access',
    );
    const doError = { id: 'unauthorized', message: 'Unable to authenticate you' };
    expect(issuesOf(() => detect(doError))[0].message).toBe(
      'the export is an error response from the cloud API, not node pools: Unable to authenticate you',
    );
  });

  it('lists the supported formats when it cannot place an export', () => {
    for (const input of [[{ hello: 'world' }], [[]], ['just text'], [[{ a: 1 }]]]) {
      const [issue] = issuesOf(() => detectExport(input, ctx));
      expect(issue.message).toMatch(/^unrecognized export \(/);
      for (const format of SUPPORTED_EXPORTS) expect(issue.message).toContain(format);
    }
    expect(issuesOf(() => detect([]))[0].message).toContain(
      'an empty list says nothing about which cloud it comes from',
    );
  });

  it('rejects a Kubernetes export without NodePools', () => {
    expect(issuesOf(() => detect({ apiVersion: 'v1', kind: 'List', items: [] }))[0].message).toBe(
      'no Karpenter NodePool (karpenter.sh/v1) in the export: the list is empty',
    );
  });
});

import * as fs from 'fs';
import * as path from 'path';
import type { PoolSpec, Taint } from '../model/pool';
import { issuesOf } from './__fixtures__';
import { parseExport } from './parseExport';
import { EXPORT_FORMATS, type ExportContext, type ExportFormat } from './types';

/*
 * Contract test over the published API samples kept next to the repository
 * (read only, never copied in). Every sample must either parse to the pools
 * expected below or, if it is not an export of pools, fail with a clear error.
 */
const FIXTURES =
  process.env.NODEPOOLS_SHARED_FIXTURES ??
  path.resolve(__dirname, '../../../../../shared/fixtures');
const AVAILABLE = fs.existsSync(FIXTURES);
// Absent samples show as skipped tests in the summary, not as passes.
const describeWithSamples = AVAILABLE ? describe : describe.skip;

/** Records that do not name their cluster need it from the file's config. */
const CONFIGURED: ExportContext = { cluster: 'configured-cluster', region: 'configured-region' };

/** The key normalized fields each sample is checked on, and a few more where they matter. */
type KeyFields = Partial<PoolSpec> & { name: string };

interface Expected {
  ctx?: ExportContext;
  format: ExportFormat;
  pools: KeyFields[];
}

const SPOT_TAINT: Taint = {
  key: 'kubernetes.azure.com/scalesetpriority',
  value: 'spot',
  effect: 'NoSchedule',
};
const AKS: Partial<PoolSpec> = {
  provider: 'aks',
  os: 'linux',
  arch: 'amd64',
  account: '00000000-0000-0000-0000-000000000000',
  cluster: 'clustername1',
};
const EKS: Partial<PoolSpec> = {
  provider: 'eks',
  os: 'linux',
  arch: 'amd64',
  mode: 'user',
  account: '111122223333',
  region: 'us-east-2',
  cluster: 'my-eks-cluster',
};
const DOKS: Partial<PoolSpec> = {
  provider: 'doks',
  os: 'linux',
  arch: 'amd64',
  mode: 'user',
  capacityType: 'on-demand',
  cluster: 'configured-cluster',
};
const KARPENTER: Partial<PoolSpec> = {
  provider: 'karpenter',
  os: 'linux',
  arch: 'amd64',
  mode: 'user',
  autoscaling: { enabled: true },
  taints: [],
  cluster: 'configured-cluster',
};
const GKE_PREEMPTIBLE: Partial<PoolSpec> = {
  provider: 'gke',
  capacityType: 'spot',
  taints: [],
  mode: 'user',
  os: 'linux',
  arch: 'amd64',
  autoscaling: { enabled: false },
  account: 'cloud-custodian',
  region: 'us-central1',
  machineTypes: ['n1-standard-1'],
  nodeCount: 3,
};

const IMPORTABLE: Record<string, Expected> = {
  'aks-agentpool-get.json': {
    format: 'aks-arm',
    pools: [{ ...AKS, name: 'agentpool1', capacityType: 'on-demand', taints: [], mode: 'user', autoscaling: { enabled: false }, nodeCount: 3 }],
  },
  'aks-agentpool-spot.json': {
    format: 'aks-arm',
    pools: [
      {
        ...AKS,
        name: 'agentpool1',
        capacityType: 'spot',
        taints: [{ key: 'Key1', value: 'Value1', effect: 'NoSchedule' }, SPOT_TAINT],
        mode: 'user',
        autoscaling: { enabled: false },
        labels: { key1: 'val1', 'kubernetes.azure.com/scalesetpriority': 'spot' },
      },
    ],
  },
  'aks-agentpools-list.json': {
    format: 'aks-arm',
    pools: [{ ...AKS, name: 'agentpool1', capacityType: 'on-demand', taints: [], mode: 'system', autoscaling: { enabled: false } }],
  },
  'aks-az-nodepool-show-spot.json': {
    format: 'aks-cli',
    pools: [
      {
        provider: 'aks',
        name: 'xxxxxxxxxxxx',
        capacityType: 'spot',
        taints: [SPOT_TAINT],
        mode: 'user',
        os: 'linux',
        arch: 'amd64',
        autoscaling: { enabled: true, min: 1, max: 3 },
        diskSizeGb: 128,
        state: 'Creating',
      },
    ],
  },
  'doks-node-pool-get.json': {
    ctx: CONFIGURED,
    format: 'doks',
    pools: [
      {
        ...DOKS,
        name: 'frontend-pool',
        taints: [{ key: 'priority', value: 'high', effect: 'NoSchedule' }],
        autoscaling: { enabled: false },
      },
    ],
  },
  'doks-node-pools-list.json': {
    ctx: CONFIGURED,
    format: 'doks',
    pools: [
      { ...DOKS, name: 'frontend-pool', taints: [], autoscaling: { enabled: false }, nodeCount: 3 },
      { ...DOKS, name: 'backend-pool', taints: [], autoscaling: { enabled: true, min: 2, max: 5 }, nodeCount: 2 },
    ],
  },
  'eks-automode-nodepool-general-purpose.yaml': {
    ctx: CONFIGURED,
    format: 'karpenter',
    pools: [{ ...KARPENTER, name: 'general-purpose', capacityType: 'on-demand' }],
  },
  'eks-create-nodegroup-spot-tainted.json': {
    format: 'eks',
    pools: [
      {
        ...EKS,
        name: 'my-eks-nodegroup',
        capacityType: 'spot',
        taints: [{ key: 'taint-key-1', value: 'taint-value-1', effect: 'NoExecute' }],
        autoscaling: { enabled: true, min: 1, max: 5 },
        nodeCount: 4,
        state: 'CREATING',
      },
    ],
  },
  'eks-describe-nodegroup.json': {
    format: 'eks',
    pools: [
      { ...EKS, name: 'my-eks-nodegroup', capacityType: 'on-demand', taints: [], autoscaling: { enabled: true, min: 1, max: 3 } },
    ],
  },
  'gke-nodepool-get-tainted.json': {
    format: 'gke',
    pools: [
      {
        provider: 'gke',
        name: 'nodepool-sample-${uniqueId}',
        capacityType: 'on-demand',
        taints: [{ key: 'originalKey', value: 'originalValue', effect: 'NoSchedule' }],
        mode: 'user',
        os: 'linux',
        arch: 'amd64',
        autoscaling: { enabled: true, min: 1, max: 3 },
        // A v1beta1 selfLink of a zonal cluster, with the sample's placeholders.
        account: '${projectId}',
        cluster: 'cluster-sample-${uniqueId}',
        region: 'us-central1',
        zones: ['us-central1-a'],
        maxPodsPerNode: 110,
        kubernetesVersion: '1.30.5-gke.1014001',
      },
    ],
  },
  'gke-nodepools-list.json': {
    format: 'gke',
    pools: [
      { ...GKE_PREEMPTIBLE, name: 'c7nnode-node-pool-1', cluster: 'c7nfailnode-cluster-1' },
      { ...GKE_PREEMPTIBLE, name: 'c7nnode-node-pool-2', cluster: 'c7nsuccessnode-cluster-1' },
    ],
  },
  'karpenter-nodepool-general-purpose.yaml': {
    ctx: CONFIGURED,
    format: 'karpenter',
    pools: [{ ...KARPENTER, name: 'general-purpose', capacityType: 'on-demand' }],
  },
  'karpenter-nodepool-spot.yaml': {
    ctx: CONFIGURED,
    format: 'karpenter',
    pools: [{ ...KARPENTER, name: 'spot', capacityType: 'spot' }],
  },
};

/** Samples that are not exports of pools, and what the user is told. */
const NOT_EXPORTS: Record<string, RegExp> = {
  'karpenter-nodeclaim.yaml': /no Karpenter NodePool .* found only NodeClaim/,
  'node-eks-managed.json': /no Karpenter NodePool .* found only Node \(v1\)/,
  'doks-error-429.json': /^unrecognized export/,
  'eks-list-nodegroups.json': /`aws eks list-nodegroups` output, which has names only/,
};

function sampleFiles(): string[] {
  return fs
    .readdirSync(FIXTURES, { withFileTypes: true })
    .filter(entry => entry.isFile() && !entry.name.endsWith('.src.txt') && entry.name !== 'README.md')
    .map(entry => entry.name)
    .sort();
}

describeWithSamples(
  `shared public fixtures${AVAILABLE ? '' : ` (skipped: no public samples at ${FIXTURES})`}`,
  () => {
    it('has an expectation for every sample', () => {
      const known = [...Object.keys(IMPORTABLE), ...Object.keys(NOT_EXPORTS)].sort();
      expect(sampleFiles()).toEqual(known);
    });

    it.each(Object.entries(IMPORTABLE))('%s', (file, expected) => {
      const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const { format, pools, warnings } = parseExport(text, { file, ...expected.ctx });

      expect(format).toBe(expected.format);
      expect(pools).toHaveLength(expected.pools.length);
      pools.forEach((pool, index) => expect(pool).toMatchObject(expected.pools[index]));
      // Published samples use only documented identifiers and values.
      expect(warnings).toEqual([]);
    });

    it.each(Object.entries(IMPORTABLE))('%s reads the same with its format named', (file, expected) => {
      const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const detected = parseExport(text, { file, ...expected.ctx });
      const named = parseExport(text, { file, ...expected.ctx, format: expected.format });

      expect(named).toEqual(detected);
    });

    it.each(Object.entries(NOT_EXPORTS))('%s is refused as not an export of pools', (file, message) => {
      const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const issues = issuesOf(() => parseExport(text, { file, ...CONFIGURED }));

      expect(issues).toHaveLength(1);
      expect(issues[0].file).toBe(file);
      expect(issues[0].message).toMatch(message);
    });

    it.each(Object.keys(NOT_EXPORTS))('%s is refused under any named format', file => {
      const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      for (const format of EXPORT_FORMATS) {
        expect(issuesOf(() => parseExport(text, { file, format, ...CONFIGURED })).length).toBeGreaterThan(0);
      }
    });
  },
);

import type { DriftFindingRecord, DriftSummary } from '@nodepools/plugin-nodepools-common';
import { eksGeneral, eksSpotArm } from './pools';

const base = {
  provider: 'eks' as const,
  cluster: 'prod-use1',
  clusterRef: 'eks/111122223333/us-east-1/prod-use1',
  firstSeenAt: '2026-11-20T08:00:00.000Z',
  lastSeenAt: '2026-11-27T10:00:00.000Z',
  stale: false,
};

/** The general pool's autoscaler raised in the console; the IaC lives in Terraform Cloud. */
export function autoscalingDrift(): DriftFindingRecord {
  return {
    ...base,
    id: 'drift-0a1b2c3d4e5f6071',
    ref: eksGeneral.ref,
    pool: eksGeneral.name,
    owner: 'group:default/payments',
    field: 'autoscaling',
    cause: 'changed',
    severity: 'medium',
    state: 'open',
    message: 'autoscaler range is 1..5, declared 1..3',
    desired: { min: 1, max: 3 },
    actual: { min: 1, max: 5 },
    origin: {
      format: 'terraform-state',
      source: 'https://app.terraform.io/app/acme/workspaces/eks-prod/states',
      address: 'module.eks.aws_eks_node_group.this["ng-general"]',
      resourceType: 'aws_eks_node_group',
    },
    revert: {
      kind: 'shell',
      text: "aws eks update-nodegroup-config --cluster-name prod-use1 --nodegroup-name ng-general --region us-east-1 --scaling-config minSize=1,maxSize=3,desiredSize=3",
      commands: [['aws', 'eks', 'update-nodegroup-config']],
    },
    adopt: {
      kind: 'hcl',
      text: 'scaling_config {\n  desired_size = 3\n  max_size = 5\n  min_size = 1\n}\n',
    },
  };
}

/** A node tainted by hand, from a state file on disk. */
export function nodeTaintDrift(): DriftFindingRecord {
  return {
    ...base,
    id: 'drift-1122334455667788',
    ref: eksGeneral.ref,
    pool: eksGeneral.name,
    owner: 'group:default/payments',
    field: 'nodes.taints',
    cause: 'node-taints',
    severity: 'high',
    state: 'open',
    message: "1 node carries taint maintenance:NoExecute, not the pool's (ip-10-0-1-7)",
    desired: [],
    actual: { missing: [], extra: [{ mark: 'maintenance:NoExecute', nodes: 1, examples: ['ip-10-0-1-7'] }] },
    origin: { format: 'terraform-state', source: 'infra/prod.tfstate', address: 'aws_eks_node_group.general', resourceType: 'aws_eks_node_group' },
    revert: { kind: 'shell', text: 'kubectl taint node ip-10-0-1-7 maintenance:NoExecute-', note: 'run against cluster "prod-use1"' },
    adopt: { kind: 'note', text: 'the IaC declares the pool, not its nodes' },
  };
}

/** Accepted until the migration is done. */
export function acknowledgedDrift(): DriftFindingRecord {
  return {
    ...base,
    id: 'drift-99aabbccddeeff00',
    ref: eksSpotArm.ref,
    pool: eksSpotArm.name,
    owner: 'group:default/data',
    field: 'pool',
    cause: 'not-in-iac',
    severity: 'medium',
    state: 'acknowledged',
    message: 'not declared in any desired-state source',
    acknowledgement: { by: 'user:default/ada', at: '2026-11-26T09:00:00.000Z', reason: 'moving to Karpenter', until: '2027-01-31T23:59:59.999Z' },
    adopt: { kind: 'hcl', text: 'import {\n  to = aws_eks_node_group.spot\n  id = "prod-use1:spot"\n}\n' },
  };
}

export function driftFindings(): DriftFindingRecord[] {
  return [nodeTaintDrift(), autoscalingDrift(), acknowledgedDrift()];
}

export const DRIFT_SUMMARY: DriftSummary = {
  open: 2,
  acknowledged: 1,
  stale: 0,
  bySeverity: [
    { key: 'high', open: 1, acknowledged: 0 },
    { key: 'medium', open: 1, acknowledged: 1 },
  ],
  byCause: [
    { key: 'changed', open: 1, acknowledged: 0 },
    { key: 'node-taints', open: 1, acknowledged: 0 },
    { key: 'not-in-iac', open: 0, acknowledged: 1 },
  ],
  byOwner: [
    { key: 'group:default/payments', open: 2, acknowledged: 0 },
    { key: 'group:default/data', open: 0, acknowledged: 1 },
  ],
  byCluster: [{ key: 'eks/111122223333/us-east-1/prod-use1', open: 2, acknowledged: 1 }],
  overTime: [
    { day: '2026-11-25', open: 0, acknowledged: 0, opened: 0, resolved: 0 },
    { day: '2026-11-26', open: 3, acknowledged: 1, opened: 3, resolved: 0 },
    { day: '2026-11-27', open: 2, acknowledged: 1, opened: 0, resolved: 1 },
  ],
};

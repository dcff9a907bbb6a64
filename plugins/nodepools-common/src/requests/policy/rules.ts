import { clusterRef } from '../../model/cluster';
import type { MachineType } from '../../machines/types';
import { implicitTaintKeys, REQUEST_KIND_PROFILES, type RequestKind } from '../kinds';
import type { PoolRequestSpec, Violation } from '../types';
import type { MachineTypeRule, OwnerQuota, PolicyInput } from './types';

/*
 * One function per policy rule. Each reads the gathered input and returns
 * its violations, naming the spec field a form shows the message at.
 */

export type PolicyCheck = (input: PolicyInput, derived: Derived) => Violation[];

/** What several checks need, worked out once. */
export interface Derived {
  types: MachineType[];
  /** Nodes at the request's largest size. */
  maxNodes: number;
  /** Nodes at the request's smallest size. */
  minNodes: number;
  quota?: OwnerQuota;
  /** The request's monthly cost at its largest size, when priced. */
  maxMonthly?: number;
}

const error = (field: string, rule: Violation['rule'], message: string): Violation => ({ field, rule, severity: 'error', message });
const warning = (field: string, rule: Violation['rule'], message: string): Violation => ({ field, rule, severity: 'warning', message });

/** Names each cloud accepts: AKS pool names are short lowercase words; the others DNS labels. */
const DEFAULT_NAME_PATTERNS: Readonly<Record<RequestKind, RegExp>> = {
  'eks-managed-node-group': /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
  'karpenter-nodepool': /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
  'gke-node-pool': /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/,
  'aks-node-pool': /^[a-z][a-z0-9]{0,11}$/,
  'doks-node-pool': /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
};

function glob(pattern: string, value: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i').test(value);
}

/** The field the size of a request is set in. */
function sizeField(spec: PoolRequestSpec): string {
  return spec.autoscaling ? 'autoscaling.max' : 'nodeCount';
}

const REQUIRED_TAINT_EFFECTS = new Set(['NoSchedule', 'NoExecute']);

function isTainted(spec: PoolRequestSpec): boolean {
  return (
    spec.taints.some(t => REQUIRED_TAINT_EFFECTS.has(t.effect)) ||
    implicitTaintKeys(spec.kind, spec.capacityType).length > 0
  );
}

const clusterKnown: PolicyCheck = ({ cluster, clusterProblem, spec }) =>
  cluster ? [] : [error('cluster', 'cluster-known', clusterProblem ?? `no cluster ${spec.cluster} in the inventory`)];

const namePattern: PolicyCheck = ({ spec, policy }) => {
  const pattern = policy.namePattern ? new RegExp(policy.namePattern) : DEFAULT_NAME_PATTERNS[spec.kind];
  if (pattern.test(spec.name)) return [];
  const source = policy.namePattern ? `the naming policy ${policy.namePattern}` : `the names a ${REQUEST_KIND_PROFILES[spec.kind].title} takes (${pattern.source})`;
  return [error('name', 'name-pattern', `'${spec.name}' does not match ${source}`)];
};

const nameUnique: PolicyCheck = ({ spec, poolNames, openRequests, cluster }) => {
  const where = cluster ? clusterRef(cluster) : spec.cluster;
  if (poolNames.has(spec.name)) return [error('name', 'name-unique', `cluster ${where} already has a pool named '${spec.name}'`)];
  const other = openRequests.get(spec.name);
  return other ? [error('name', 'name-unique', `open request ${other} already asks for a pool named '${spec.name}' in ${where}`)] : [];
};

const machineTypesKnown: PolicyCheck = ({ spec }, { types }) => {
  const known = new Set(types.map(t => t.name));
  const clouds = REQUEST_KIND_PROFILES[spec.kind].clouds.join(' or ');
  return spec.machineTypes
    .map((name, index) => ({ name, index }))
    .filter(({ name }) => !known.has(name))
    .map(({ name, index }) =>
      warning(`machineTypes.${index}`, 'machine-type-known', `'${name}' is not in the machine catalog of ${clouds}: its price, size and category are unknown`),
    );
};

function rulesFor(rules: readonly MachineTypeRule[], input: PolicyInput): MachineTypeRule[] {
  const ref = input.cluster ? clusterRef(input.cluster) : input.spec.cluster;
  const name = input.cluster?.cluster;
  return rules.filter(
    rule =>
      (!rule.kind || rule.kind === input.spec.kind) &&
      (!rule.cluster || glob(rule.cluster, ref) || (name !== undefined && glob(rule.cluster, name))),
  );
}

const machineTypesAllowed: PolicyCheck = (input, { types }) => {
  const rules = rulesFor(input.policy.machineTypes, input);
  const names = rules.filter(r => r.allow?.length).flatMap(r => r.allow!);
  const families = rules.filter(r => r.families?.length).flatMap(r => r.families!);
  const violations: Violation[] = [];
  input.spec.machineTypes.forEach((name, index) => {
    if (names.length && !names.some(pattern => glob(pattern, name))) {
      violations.push(error(`machineTypes.${index}`, 'machine-type-allowed', `'${name}' is not allowed here; allowed: ${names.join(', ')}`));
    }
    const family = types.find(t => t.name === name)?.family;
    if (families.length && !(family && families.some(f => f.toLowerCase() === family.toLowerCase()))) {
      violations.push(
        error(`machineTypes.${index}`, 'machine-family-allowed', `'${name}' is of family ${family ?? 'unknown'}; allowed families: ${families.join(', ')}`),
      );
    }
  });
  return violations;
};

const countRange: PolicyCheck = ({ spec }) => {
  const range = spec.autoscaling;
  if (!range) return [];
  if (range.min > range.max) {
    return [error('autoscaling.min', 'count-range', `the minimum (${range.min}) is above the maximum (${range.max})`)];
  }
  if (spec.nodeCount !== undefined && (spec.nodeCount < range.min || spec.nodeCount > range.max)) {
    return [error('nodeCount', 'count-range', `${spec.nodeCount} nodes is outside the autoscaler's range ${range.min}-${range.max}`)];
  }
  return [];
};

const perZoneCount: PolicyCheck = ({ spec }) => {
  const zones = spec.zones.length;
  if (spec.kind !== 'gke-node-pool' || spec.autoscaling || !zones || spec.nodeCount === undefined) return [];
  return spec.nodeCount % zones === 0
    ? []
    : [error('nodeCount', 'per-zone-count', `GKE puts the same number of nodes in each zone: ${spec.nodeCount} nodes do not divide over ${zones} zones`)];
};

const maxNodes: PolicyCheck = ({ spec, ownerUsage }, { quota, maxNodes: nodes }) => {
  if (quota?.maxNodes === undefined) return [];
  const total = ownerUsage.maxNodes + nodes;
  return total > quota.maxNodes
    ? [error(sizeField(spec), 'max-nodes', `${spec.owner} would have up to ${total} nodes (${ownerUsage.maxNodes} now + ${nodes}); the quota is ${quota.maxNodes}`)]
    : [];
};

const costQuota: PolicyCheck = ({ spec, ownerUsage }, { quota, maxMonthly }) => {
  if (quota?.monthlyCost === undefined) return [];
  if (maxMonthly === undefined) {
    return [warning(sizeField(spec), 'cost-unknown', `the request has no price: ${spec.owner}'s monthly quota of ${usd(quota.monthlyCost)} cannot be checked`)];
  }
  const after = ownerUsage.monthly + maxMonthly;
  return after > quota.monthlyCost
    ? [error(sizeField(spec), 'cost-quota', `${spec.owner}'s pools would cost up to ${usd(after)} a month (${usd(ownerUsage.monthly)} now + ${usd(maxMonthly)}); the quota is ${usd(quota.monthlyCost)}`)]
    : [];
};

const spotTainted: PolicyCheck = ({ spec }) =>
  (spec.capacityType === 'spot' || spec.capacityType === 'mixed') && !isTainted(spec)
    ? [error('taints', 'spot-tainted', 'a spot pool must have a NoSchedule or NoExecute taint, so that only pods that tolerate interruptions land on it')]
    : [];

const specialisedTainted: PolicyCheck = ({ spec, policy }, { types }) => {
  const special = types.filter(t => policy.specialisedCategories.includes(t.category));
  if (!special.length || isTainted(spec)) return [];
  const what = special.map(t => `${t.name} (${t.category})`).join(', ');
  return [error('taints', 'specialised-tainted', `${what}: a specialised pool must have a NoSchedule or NoExecute taint, so that other pods do not take its nodes`)];
};

const systemPool: PolicyCheck = ({ spec }, { minNodes }) => {
  if (spec.mode !== 'system') return [];
  const violations: Violation[] = [];
  if (minNodes < 2) {
    violations.push(error(spec.autoscaling ? 'autoscaling.min' : 'nodeCount', 'system-pool-size', `a system pool needs at least 2 nodes; it can shrink to ${minNodes}`));
  }
  if (spec.zones.length < 2) {
    violations.push(error('zones', 'system-pool-zones', 'a system pool needs its nodes spread over at least 2 zones'));
  }
  return violations;
};

const ownerExists: PolicyCheck = ({ spec, ownerExists: exists, ownerLookupProblem }) => {
  if (exists === true) return [];
  if (exists === false) return [error('owner', 'owner-exists', `${spec.owner} is not a group in the catalog`)];
  return [warning('owner', 'owner-exists', `the catalog could not be asked whether ${spec.owner} exists${ownerLookupProblem ? `: ${ownerLookupProblem}` : ''}`)];
};

const resourceGroup: PolicyCheck = ({ spec }) =>
  spec.kind === 'aks-node-pool' && !spec.resourceGroup
    ? [error('resourceGroup', 'resource-group', "the cluster's resource group is required and the inventory does not say it")]
    : [];

export const POLICY_CHECKS: readonly PolicyCheck[] = [
  clusterKnown,
  namePattern,
  nameUnique,
  machineTypesKnown,
  machineTypesAllowed,
  countRange,
  perZoneCount,
  maxNodes,
  costQuota,
  spotTainted,
  specialisedTainted,
  systemPool,
  ownerExists,
  resourceGroup,
];

function usd(value: number): string {
  return `$${value.toFixed(2)}`;
}

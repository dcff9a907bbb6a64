import type { Resolution } from '../../drift/types';
import { noteResolution, shellResolution } from '../../drift/render/quote';
import { gcloudList } from '../../providers/revert/gke';
import { formatTaint } from '../../model/pool';
import { eksAmiType, labelPairs, perZone, taintObject, type RenderContext } from './context';

/*
 * The cloud's own command that creates the approved pool, as argv lists
 * quoted by the drift renderers' shell quoting. A value that starts with
 * `-` is passed as `--flag=value`, so no value is read as an option.
 */

function flag(name: string, value: string | number): string[] {
  const text = String(value);
  return text.startsWith('-') ? [`${name}=${text}`] : [name, text];
}

/** A positional argument that would read as an option cannot be written safely. */
function positionalProblem(values: string[]): Resolution | undefined {
  const bad = values.find(v => v.startsWith('-'));
  return bad === undefined
    ? undefined
    : noteResolution(`not written as a command: ${JSON.stringify(bad)} starts with "-" and would be read as an option`);
}

function eks(ctx: RenderContext): Resolution {
  const { spec, cluster } = ctx;
  const problem = positionalProblem(spec.machineTypes);
  if (problem) return problem;
  const argv = [
    'aws', 'eks', 'create-nodegroup',
    ...flag('--cluster-name', cluster.cluster),
    ...flag('--nodegroup-name', spec.name),
    ...(cluster.region ? flag('--region', cluster.region) : []),
    '--scaling-config', `minSize=${ctx.min},maxSize=${ctx.max},desiredSize=${ctx.initial}`,
    '--instance-types', ...spec.machineTypes,
    '--capacity-type', spec.capacityType === 'spot' ? 'SPOT' : 'ON_DEMAND',
    '--ami-type', eksAmiType(ctx),
    ...(spec.diskSizeGb !== undefined ? ['--disk-size', String(spec.diskSizeGb)] : []),
    ...(Object.keys(spec.labels).length ? ['--labels', JSON.stringify(spec.labels)] : []),
    ...(spec.taints.length ? ['--taints', JSON.stringify(spec.taints.map(t => taintObject(t, true)))] : []),
    '--subnets', 'SUBNET_IDS',
    '--node-role', 'NODE_ROLE_ARN',
  ];
  return shellResolution([argv], 'replace SUBNET_IDS with the node group subnets and NODE_ROLE_ARN with the node IAM role');
}

function gke(ctx: RenderContext): Resolution {
  const { spec, cluster } = ctx;
  const problem = positionalProblem([spec.name]);
  if (problem) return problem;
  const zones = spec.zones.length;
  const argv = [
    'gcloud', 'container', 'node-pools', 'create', spec.name,
    ...flag('--cluster', cluster.cluster),
    ...(cluster.region ? flag('--location', cluster.region) : []),
    ...(cluster.account ? flag('--project', cluster.account) : []),
    ...flag('--machine-type', spec.machineTypes[0]),
    ...(spec.autoscaling
      ? ['--enable-autoscaling', '--total-min-nodes', String(ctx.min), '--total-max-nodes', String(ctx.max), '--num-nodes', String(perZone(ctx.initial, zones))]
      : ['--num-nodes', String(perZone(spec.nodeCount ?? 0, zones))]),
    ...(spec.capacityType === 'spot' ? ['--spot'] : []),
    '--image-type', spec.os === 'windows' ? 'WINDOWS_LTSC_CONTAINERD' : 'COS_CONTAINERD',
    ...(zones ? flag('--node-locations', gcloudList(spec.zones)) : []),
    ...(Object.keys(spec.labels).length ? flag('--node-labels', gcloudList(labelPairs(spec.labels))) : []),
    ...(spec.taints.length ? flag('--node-taints', gcloudList(spec.taints.map(formatTaint))) : []),
    ...(spec.maxPodsPerNode !== undefined ? ['--max-pods-per-node', String(spec.maxPodsPerNode)] : []),
    ...(spec.diskSizeGb !== undefined ? ['--disk-size', String(spec.diskSizeGb)] : []),
  ];
  return shellResolution([argv], zones ? undefined : '--num-nodes is per zone');
}

function aks(ctx: RenderContext): Resolution {
  const { spec, cluster } = ctx;
  const problem = positionalProblem([...labelPairs(spec.labels), ...spec.zones]);
  if (problem) return problem;
  const argv = [
    'az', 'aks', 'nodepool', 'add',
    ...(cluster.account ? flag('--subscription', cluster.account) : []),
    ...flag('--resource-group', spec.resourceGroup ?? 'RESOURCE_GROUP'),
    ...flag('--cluster-name', cluster.cluster),
    ...flag('--name', spec.name),
    ...flag('--node-vm-size', spec.machineTypes[0]),
    '--mode', spec.mode === 'system' ? 'System' : 'User',
    '--os-type', spec.os === 'windows' ? 'Windows' : 'Linux',
    ...(spec.autoscaling
      ? ['--enable-cluster-autoscaler', '--min-count', String(ctx.min), '--max-count', String(ctx.max), '--node-count', String(ctx.initial)]
      : ['--node-count', String(ctx.initial)]),
    ...(spec.capacityType === 'spot' ? ['--priority', 'Spot', '--eviction-policy', 'Delete'] : []),
    ...(Object.keys(spec.labels).length ? ['--labels', ...labelPairs(spec.labels)] : []),
    ...(spec.taints.length ? flag('--node-taints', spec.taints.map(formatTaint).join(',')) : []),
    ...(spec.zones.length ? ['--zones', ...spec.zones] : []),
    ...(spec.maxPodsPerNode !== undefined ? ['--max-pods', String(spec.maxPodsPerNode)] : []),
    ...(spec.diskSizeGb !== undefined ? ['--node-osdisk-size', String(spec.diskSizeGb)] : []),
  ];
  return shellResolution([argv], spec.resourceGroup ? undefined : "replace RESOURCE_GROUP with the cluster's resource group");
}

function doks(ctx: RenderContext): Resolution {
  const { spec, cluster } = ctx;
  const problem = positionalProblem([cluster.cluster]);
  if (problem) return problem;
  const argv = [
    'doctl', 'kubernetes', 'cluster', 'node-pool', 'create', cluster.cluster,
    ...flag('--name', spec.name),
    ...flag('--size', spec.machineTypes[0]),
    ...(spec.autoscaling
      ? ['--auto-scale', '--min-nodes', String(ctx.min), '--max-nodes', String(ctx.max), '--count', String(ctx.initial)]
      : ['--count', String(ctx.initial)]),
    ...labelPairs(spec.labels).flatMap(pair => flag('--label', pair)),
    ...spec.taints.flatMap(t => flag('--taint', formatTaint(t))),
  ];
  return shellResolution([argv]);
}

function karpenter(ctx: RenderContext): Resolution {
  return shellResolution(
    [['kubectl', ...flag('--context', ctx.cluster.cluster), 'apply', '-f', 'nodepool.yaml']],
    'save the NodePool manifest as nodepool.yaml; the context is the cluster name',
  );
}

export function cliCommand(ctx: RenderContext): Resolution {
  switch (ctx.spec.kind) {
    case 'eks-managed-node-group':
      return eks(ctx);
    case 'gke-node-pool':
      return gke(ctx);
    case 'aks-node-pool':
      return aks(ctx);
    case 'doks-node-pool':
      return doks(ctx);
    default:
      return karpenter(ctx);
  }
}

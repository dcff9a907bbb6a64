import type { Resolution } from '../../drift/types';
import { asNumber, asRange, clamp, type ResolutionInput } from '../../drift/render/input';
import { noteResolution, shellResolution } from '../../drift/render/quote';

/* Self-managed groups known through their nodes are sized with `eksctl scale`. */

function eksctlScale(input: ResolutionInput, min: number, max: number, nodes: number): Resolution {
  const { cluster, name, region } = input.pool;
  return shellResolution([
    ['eksctl', 'scale', 'nodegroup', '--cluster', cluster, '--name', name, '--nodes-min', String(min), '--nodes-max', String(max), '--nodes', String(nodes), ...(region ? ['--region', region] : [])],
  ]);
}

/** Self-managed groups (eksctl nodeGroups) are only sized from outside; everything else lives in their launch template. */
export function kubernetesRevert(input: ResolutionInput): Resolution | undefined {
  const count = input.actualPool?.observed?.nodeCount ?? input.actualPool?.nodeCount;
  const range = asRange(input.desired);
  if ((input.field === 'autoscaling' || input.cause === 'node-count') && range?.min !== undefined && range.max !== undefined) {
    return eksctlScale(input, range.min, range.max, clamp(count, range.min, range.max) ?? range.min);
  }
  const fixed = asNumber(input.desired);
  if ((input.field === 'nodeCount' || input.cause === 'node-count') && fixed !== undefined) return eksctlScale(input, fixed, fixed, fixed);
  if (input.cause === 'changed') {
    return noteResolution('a self-managed group takes its settings from its launch template: recreate it from the declared config (eksctl create nodegroup)');
  }
  return undefined;
}

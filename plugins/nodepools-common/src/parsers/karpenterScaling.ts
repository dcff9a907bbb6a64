import type { Autoscaling } from '../model/pool';
import { parseExactQuantity } from '../quantity';

/**
 * Limits every node counts against: each node has some cpu and memory and is
 * one node, so a limit of zero on one of them lets the NodePool launch none.
 * (Extended resources such as `nvidia.com/gpu: 0` only rule out nodes that
 * have them.)
 */
const EVERY_NODE_COUNTS = ['cpu', 'memory', 'nodes'];

function isZeroOrLess(amount: string): boolean {
  try {
    const quantity = parseExactQuantity(amount);
    return quantity.digits === 0n || quantity.negative;
  } catch {
    // An amount that is not a quantity is kept as written; it limits nothing here.
    return false;
  }
}

/** The limits, among `cpu`, `memory` and `nodes`, that leave no room for any node. */
export function exhaustedLimits(
  limits: Readonly<Record<string, string>> | undefined,
): string[] {
  return Object.entries(limits ?? {})
    .filter(
      ([resource, amount]) =>
        EVERY_NODE_COUNTS.includes(resource) && isZeroOrLess(amount),
    )
    .map(([resource]) => resource);
}

/**
 * Karpenter provisions nodes for pending pods, so a NodePool is autoscaled
 * (with no node count bounds) unless:
 * - it is a static NodePool (`spec.replicas`): Karpenter keeps that many
 *   nodes whatever the pods need;
 * - a `cpu`, `memory` or `nodes` limit is 0: it can launch nothing (AKS node
 *   auto-provisioning documents `cpu: 0` as the way to turn a pool off);
 * - its requirements allow no capacity type (`launchable` false).
 */
export function karpenterAutoscaling(input: {
  limits: Readonly<Record<string, string>> | undefined;
  replicas: number | undefined;
  launchable: boolean;
}): Autoscaling {
  const enabled =
    input.replicas === undefined &&
    input.launchable &&
    exhaustedLimits(input.limits).length === 0;
  return { enabled };
}

import type { CheckReason } from '../types';
import type { CheckTarget, Finding, NodeFilter, SchedulingCheck } from './types';

/** NodeName filter: a pod that names a node fits only that node. */
export function checkNodeName(
  podNodeName: string | undefined,
  nodeName: string,
): CheckReason | undefined {
  if (!podNodeName || podNodeName === nodeName) return undefined;
  return {
    code: 'node-name',
    message: `pod is bound to node ${podNodeName}, not this node`,
  };
}

/** A pod that names a node fits that node only. */
class NodeNameFilter implements NodeFilter {
  readonly level = 'labels';
  constructor(private readonly wanted: string) {}
  passes(node: CheckTarget): boolean {
    return node.name === this.wanted;
  }
  explain(node: CheckTarget): Finding[] {
    const reason = checkNodeName(this.wanted, node.name);
    return reason ? [reason] : [];
  }
}

/** NodeName as a registered check: only a pod that names a node has it. */
export const nodeNameCheck: SchedulingCheck = {
  name: 'NodeName',
  start: () => ({
    prepare: demand => (demand.pod.nodeName ? new NodeNameFilter(demand.pod.nodeName) : undefined),
  }),
};

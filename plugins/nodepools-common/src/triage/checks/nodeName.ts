import type { CheckReason } from '../types';
import type { SchedulingCheck } from './types';

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

/** NodeName as a registered check: only a pod that names a node has it. */
export const nodeNameCheck: SchedulingCheck = {
  name: 'NodeName',
  start: () => ({
    prepare(demand) {
      const wanted = demand.pod.nodeName;
      if (!wanted) return undefined;
      return {
        level: 'labels',
        passes: node => node.name === wanted,
        explain: node => {
          const reason = checkNodeName(wanted, node.name);
          return reason ? [reason] : [];
        },
      };
    },
  }),
};

import type { CheckReason } from '../types';

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

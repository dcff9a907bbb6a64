import type { Container } from '../kube';
import type { CheckReason } from '../types';
import type { CheckTarget, Finding, NodeFilter, SchedulingCheck } from './types';

export interface HostPort {
  port: number;
  protocol: string;
  /** `0.0.0.0` when unset: every address of the node. */
  ip: string;
}

const ANY_IP = '0.0.0.0';

/**
 * The host ports a pod claims: `hostPort` of its containers and of its
 * restartable init containers (sidecars), which run alongside them.
 */
export function hostPortsOf(containers: readonly Container[], initContainers: readonly Container[]): HostPort[] {
  const ports: HostPort[] = [];
  const running = [...containers, ...initContainers.filter(c => c?.restartPolicy === 'Always')];
  for (const container of running) {
    for (const port of container?.ports ?? []) {
      if (!port?.hostPort || port.hostPort <= 0) continue;
      ports.push({
        port: port.hostPort,
        protocol: port.protocol || 'TCP',
        ip: port.hostIP || ANY_IP,
      });
    }
  }
  return ports;
}

/** Two claims conflict on the same port and protocol when either is on every address or both are on the same one. */
export function portsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === ANY_IP || b.ip === ANY_IP || a.ip === b.ip);
}

/** NodePorts filter: none of the pod's host ports may be taken on the node. */
export function checkHostPorts(wanted: readonly HostPort[], used: readonly HostPort[]): CheckReason | undefined {
  const taken = wanted.filter(port => used.some(other => portsConflict(port, other)));
  if (taken.length === 0) return undefined;
  return {
    code: 'ports',
    message: `host port${taken.length > 1 ? 's' : ''} ${taken
      .map(p => `${p.ip === ANY_IP ? '' : `${p.ip}:`}${p.port}/${p.protocol}`)
      .join(', ')} already in use`,
  };
}

/** The pod's host ports against those in use; on a new node those are its daemonsets'. */
class HostPortsFilter implements NodeFilter {
  readonly level = 'capacity';
  constructor(private readonly wanted: readonly HostPort[]) {}
  passes(node: CheckTarget): boolean {
    return checkHostPorts(this.wanted, node.usedPorts) === undefined;
  }
  explain(node: CheckTarget): Finding[] {
    const reason = checkHostPorts(this.wanted, node.usedPorts);
    if (!reason) return [];
    return [node.newNode ? { ...reason, message: `${reason.message} by the pool's daemonsets` } : reason];
  }
}

/** NodePorts as a registered check. */
export const hostPortsCheck: SchedulingCheck = {
  name: 'NodePorts',
  start: () => ({
    prepare: demand => (demand.pod.hostPorts.length ? new HostPortsFilter(demand.pod.hostPorts) : undefined),
  }),
};

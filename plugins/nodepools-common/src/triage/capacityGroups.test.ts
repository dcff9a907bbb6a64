import { analyzePendingPods } from './analyze';
import { expandTriageReport } from './report';
import type { TriageInput } from './types';

/**
 * Nodes that the capacity checks cannot tell apart (same room, same used
 * host ports) are asked once per group and counted as many; the counts and
 * the closest node must be those a node-by-node walk finds.
 */
const ZONE = 'topology.kubernetes.io/zone';

function node(name: string, cpu: string) {
  return {
    metadata: {
      name,
      labels: {
        'eks.amazonaws.com/nodegroup': 'edge',
        'kubernetes.io/hostname': name,
        'node.kubernetes.io/instance-type': 'm5.xlarge',
        [ZONE]: 'us-east-1a',
      },
    },
    spec: {},
    status: { allocatable: { cpu, memory: '16Gi', pods: '58' } },
  };
}

function bound(name: string, nodeName: string, cpu: string, hostPort?: number) {
  return {
    metadata: { name, namespace: 'apps' },
    spec: {
      nodeName,
      containers: [
        {
          name: 'c',
          resources: { requests: { cpu, memory: '100Mi' } },
          ...(hostPort ? { ports: [{ containerPort: hostPort, hostPort }] } : {}),
        },
      ],
    },
    status: { phase: 'Running' },
  };
}

function input(): TriageInput {
  const nodes = [];
  const pods: unknown[] = [];
  // 20 full nodes holding port 80, 10 with room holding port 80, 5 with room and port 80 free but one less cpu.
  for (let i = 0; i < 35; i++) {
    const name = `n-${i}`;
    nodes.push(node(name, i < 30 ? '4' : '3'));
    if (i < 20) pods.push(bound(`full-${i}`, name, '3900m', 80));
    else if (i < 30) pods.push(bound(`ingress-${i}`, name, '100m', 80));
    else pods.push(bound(`app-${i}`, name, '2500m'));
  }
  pods.push({
    metadata: { name: 'edge-0', namespace: 'apps' },
    spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 80 }], resources: { requests: { cpu: '1' } } }] },
    status: { phase: 'Pending' },
  });
  return {
    pods: { items: pods },
    nodes: { items: nodes },
    pools: [
      {
        provider: 'eks',
        cluster: 'c',
        name: 'edge',
        mode: 'user',
        os: 'linux',
        machineTypes: ['m5.xlarge'],
        capacityType: 'on-demand',
        autoscaling: { enabled: true, min: 1, max: 40 },
        labels: {},
        taints: [],
        zones: ['us-east-1a'],
        tags: {},
        raw: {},
      },
    ],
  } as TriageInput;
}

describe('nodes the capacity checks cannot tell apart', () => {
  it('are counted per node: ports on 30 nodes, cpu on the 25 that are short, the closest one worded', () => {
    const report = expandTriageReport(analyzePendingPods(input()));
    const [verdict] = report.pods.find(p => p.name === 'edge-0')!.pools;
    expect(verdict.fitsNow).toBe(false);
    const byCode = Object.fromEntries(verdict.reasons.map(r => [r.code, r]));
    expect(Object.keys(byCode).sort()).toEqual(['insufficient:cpu', 'ports']);
    expect(byCode.ports.nodes).toBe(30);
    expect(byCode['insufficient:cpu'].nodes).toBe(25);
    // The closest of the short nodes: 3 cpu allocatable, 500m free.
    expect(byCode['insufficient:cpu'].message).toBe('Insufficient cpu: requests 1, free at most 500m of 3 allocatable');
  });

  it('fits now once one node of a group has the port and the room', () => {
    const fitting = input();
    (fitting.pods as { items: any[] }).items = (fitting.pods as { items: any[] }).items.filter(p => p.metadata.name !== 'ingress-29');
    const report = expandTriageReport(analyzePendingPods(fitting));
    expect(report.pods.find(p => p.name === 'edge-0')!.pools[0].fitsNow).toBe(true);
  });
});

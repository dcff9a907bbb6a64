import { poolSpec } from './__fixtures__/poolSpec';
import { analyzePendingPods } from './analyze';
import { buildClusterState, capacityGroupsOf } from './cluster';
import { readTriageInput } from './input';
import { expandTriageReport } from './report';
import type { TriageInput } from './types';

/**
 * Nodes that the capacity checks cannot tell apart (same room, same used
 * host ports) are asked once per group and counted as many; the counts and
 * the closest node must be those a node-by-node walk finds.
 */
const ZONE = 'topology.kubernetes.io/zone';

interface Shape {
  full: number;
  ingress: number;
  apps: number;
  /** Each full node's pod takes a millicore more than the one before: no two nodes alike. */
  distinct?: boolean;
}

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

/** `full` nodes holding port 80, `ingress` with room holding port 80, `apps` with room and port 80 free but one less cpu. */
function input({ full, ingress, apps, distinct }: Shape): TriageInput {
  const nodes = [];
  const pods: unknown[] = [];
  for (let i = 0; i < full + ingress + apps; i++) {
    const name = `n-${i}`;
    nodes.push(node(name, i < full + ingress ? '4' : '3'));
    if (i < full) pods.push(bound(`full-${i}`, name, distinct ? `${3900 - i}m` : '3900m', 80));
    else if (i < full + ingress) pods.push(bound(`ingress-${i}`, name, '100m', 80));
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
      poolSpec({
        provider: 'eks',
        cluster: 'c',
        name: 'edge',
        machineTypes: ['m5.xlarge'],
        autoscaling: { enabled: true, min: 1, max: 40 },
        zones: ['us-east-1a'],
      }),
    ],
  } as TriageInput;
}

// Classes of nodes alike are asked group by group, one of nodes all different node by node: the answers are the same.
describe.each([
  ['a large class', { full: 20, ingress: 10, apps: 5 }],
  ['a small class', { full: 4, ingress: 2, apps: 1 }],
  ['a class of nodes all different', { full: 3, ingress: 1, apps: 1, distinct: true }],
])('nodes the capacity checks cannot tell apart, in %s', (_name, shape) => {
  it('are counted per node: ports where port 80 is taken, cpu where it is short, the closest one worded', () => {
    const report = expandTriageReport(analyzePendingPods(input(shape)));
    const [verdict] = report.pods.find(p => p.name === 'edge-0')!.pools;
    expect(verdict.fitsNow).toBe(false);
    const byCode = Object.fromEntries(verdict.reasons.map(r => [r.code, r]));
    expect(Object.keys(byCode).sort()).toEqual(['insufficient:cpu', 'ports']);
    expect(byCode.ports.nodes).toBe(shape.full + shape.ingress);
    expect(byCode['insufficient:cpu'].nodes).toBe(shape.full + shape.apps);
    // The closest of the short nodes: 3 cpu allocatable, 500m free.
    expect(byCode['insufficient:cpu'].message).toBe('Insufficient cpu: requests 1, free at most 500m of 3 allocatable');
  });

  it('fits now once one node of a group has the port and the room', () => {
    const fitting = input(shape);
    const last = `ingress-${shape.full + shape.ingress - 1}`;
    (fitting.pods as { items: any[] }).items = (fitting.pods as { items: any[] }).items.filter(p => p.metadata.name !== last);
    const report = expandTriageReport(analyzePendingPods(fitting));
    expect(report.pods.find(p => p.name === 'edge-0')!.pools[0].fitsNow).toBe(true);
  });
});

describe('capacityGroupsOf', () => {
  const classOf = (shape: Shape) => buildClusterState(readTriageInput(input(shape), [])).pools[0].classes[0];

  it('groups nodes alike, most free cpu first, each group at its first node with how many it stands for', () => {
    const groups = capacityGroupsOf(classOf({ full: 4, ingress: 2, apps: 1 }))!;
    expect(groups.map(g => g.count)).toEqual([2, 1, 4]);
    expect(groups.map(g => g.node.name)).toEqual(['n-4', 'n-6', 'n-0']);
  });

  it('leaves nodes all different ungrouped: they are asked one by one', () => {
    const cls = classOf({ full: 3, ingress: 1, apps: 1, distinct: true });
    expect(capacityGroupsOf(cls)).toBeUndefined();
    expect(cls.capacityGroups).toBeNull();
  });
});

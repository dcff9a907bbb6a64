import { readNode } from '../read';
import { NodeShapes } from './nodeShapes';

const HOSTNAME = 'kubernetes.io/hostname';

function node(
  name: string,
  labels: Record<string, string>,
  spec: { unschedulable?: boolean; taints?: Array<{ key: string; value?: string; effect: string }> } = {},
) {
  return readNode(
    { metadata: { name, labels: { ...labels, [HOSTNAME]: name } }, spec, status: { allocatable: { cpu: '2', pods: '10' } } },
    0,
  );
}

describe('NodeShapes', () => {
  const labels = { 'eks.amazonaws.com/nodegroup': 'edge', 'topology.kubernetes.io/zone': 'us-east-1a' };

  it('gives nodes that differ only by hostname one shape, its labels without the hostname', () => {
    const shapes = new NodeShapes();
    const a = shapes.shapeOf(node('a', labels));
    expect(shapes.shapeOf(node('b', labels))).toBe(a);
    expect(shapes.labelsOf(a)).toEqual(labels);
  });

  it('counts the nodes given each shape', () => {
    const shapes = new NodeShapes();
    const a = shapes.shapeOf(node('a', labels));
    shapes.shapeOf(node('b', labels));
    const c = shapes.shapeOf(node('c', labels, { unschedulable: true }));
    expect(shapes.nodeCounts[a]).toBe(2);
    expect(shapes.nodeCounts[c]).toBe(1);
  });

  it('takes labels listed in another order as the same set', () => {
    const shapes = new NodeShapes();
    const reversed = Object.fromEntries(Object.entries(labels).reverse());
    expect(shapes.shapeOf(node('b', reversed))).toBe(shapes.shapeOf(node('a', labels)));
  });

  it.each([
    ['another label value', { ...labels, 'topology.kubernetes.io/zone': 'us-east-1b' }],
    ['a label more', { ...labels, team: 'payments' }],
    ['a label less', { 'eks.amazonaws.com/nodegroup': 'edge' }],
    ['an empty value where the other has none', { ...labels, team: '' }],
  ])('tells apart %s', (_, other) => {
    const shapes = new NodeShapes();
    const a = shapes.shapeOf(node('a', labels));
    const b = shapes.shapeOf(node('b', other));
    expect(b).not.toBe(a);
    expect(shapes.shapes[b].labelSet).not.toBe(shapes.shapes[a].labelSet);
  });

  it('keeps taints and cordon state apart, the cordon taint itself left out', () => {
    const shapes = new NodeShapes();
    const plain = shapes.shapeOf(node('a', labels));
    const tainted = shapes.shapeOf(node('b', labels, { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] }));
    const cordoned = shapes.shapeOf(
      node('c', labels, { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }),
    );
    expect(new Set([plain, tainted, cordoned]).size).toBe(3);
    expect(shapes.shapes[cordoned]).toMatchObject({ unschedulable: true, taints: [], taintsKey: '' });
    expect(shapes.shapes[tainted].taintsKey).toBe('dedicated=x:NoSchedule');
    // The same taints in another order are one shape.
    const two = [
      { key: 'a', effect: 'NoSchedule' },
      { key: 'b', effect: 'NoExecute' },
    ];
    expect(shapes.shapeOf(node('d', labels, { taints: two }))).toBe(shapes.shapeOf(node('e', labels, { taints: [...two].reverse() })));
  });
});

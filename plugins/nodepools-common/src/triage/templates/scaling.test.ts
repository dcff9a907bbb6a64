import { stringify } from 'yaml';
import { parseExport } from '../../parsers/parseExport';
import { analyzePendingPods } from '../analyze';
import { expandTriageReport } from '../report';

/** A Karpenter NodePool of m5 instances with `spec` merged in, parsed as the inventory reads it. */
function nodePool(spec: Record<string, unknown>) {
  const text = stringify({
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: 'general' },
    spec: {
      template: {
        spec: {
          requirements: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m5.xlarge'] }],
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
        },
      },
      ...spec,
    },
  });
  return parseExport(text, { file: 'np.yaml', cluster: 'prod', region: 'us-east-1', account: '111122223333' }).pools;
}

/** One pod of 2 CPUs and the NodePool's only node, full. */
function triage(spec: Record<string, unknown>) {
  const pools = nodePool(spec);
  const report = analyzePendingPods({
    cluster: 'prod',
    pools,
    nodes: {
      items: [
        {
          metadata: {
            name: 'ip-10-0-0-1',
            labels: { 'karpenter.sh/nodepool': 'general', 'node.kubernetes.io/instance-type': 'm5.xlarge' },
          },
          status: { allocatable: { cpu: '3920m', memory: '14Gi', pods: '58' }, capacity: { cpu: '4', memory: '16Gi', pods: '58' } },
        },
      ],
    },
    pods: {
      items: [
        {
          metadata: { name: 'busy', namespace: 'shop' },
          spec: { nodeName: 'ip-10-0-0-1', containers: [{ name: 'app', resources: { requests: { cpu: '3' } } }] },
          status: { phase: 'Running' },
        },
        {
          metadata: { name: 'web-1', namespace: 'shop' },
          spec: { containers: [{ name: 'app', resources: { requests: { cpu: '2' } } }] },
          status: { phase: 'Pending' },
        },
      ],
    },
  });
  const [verdict] = expandTriageReport(report).pods[0].pools;
  return { verdict, autoscaling: pools[0].autoscaling };
}

describe('Karpenter NodePools and their autoscaling', () => {
  it.each([
    ['limits with room', { limits: { cpu: '100' } }, true, undefined],
    ['no limits', {}, true, undefined],
    ['limits of zero cpu', { limits: { cpu: '0' } }, false, 'autoscaling is off: its limits allow no new node (cpu: 0)'],
    ['limits of zero memory', { limits: { cpu: '100', memory: '0Gi' } }, false, 'autoscaling is off: its limits allow no new node (memory: 0Gi)'],
    [
      'a static NodePool (spec.replicas)',
      { replicas: 1 },
      false,
      'autoscaling is off: the NodePool is static and keeps its replicas (1 node(s))',
    ],
  ])('%s: offers a new node only when autoscaling is on', (_, spec, offers, message) => {
    const { verdict, autoscaling } = triage(spec);
    expect(autoscaling.enabled).toBe(offers);
    expect(verdict.fitsAfterScaleUp).toBe(offers);
    expect(verdict.reasons.find(r => r.code === 'max-size')?.message).toBe(message);
  });
});

import { checkOnCluster, kube } from './__testUtils__/checkOnCluster';
import { checkVolumeZone, volumeTopology, volumeZoneCheck } from './volumeZone';

const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
const nodeA = { [ZONE]: 'us-east-1a', [REGION]: 'us-east-1' };

describe('checkVolumeZone', () => {
  it.each<[string, Record<string, string>, Parameters<typeof volumeTopology>[2], Record<string, string>, string | undefined]>([
    ['a volume in the node zone fits', { [ZONE]: 'us-east-1a' }, undefined, nodeA, undefined],
    ['a volume in another zone conflicts', { [ZONE]: 'us-east-1b' }, undefined, nodeA, 'volume node affinity conflict: PersistentVolume pv-1 is in topology.kubernetes.io/zone us-east-1b, node has us-east-1a'],
    ['a volume label listing several zones with __ fits any of them', { [ZONE]: 'us-east-1b__us-east-1a' }, undefined, nodeA, undefined],
    ['a node without any topology label is not checked against labels', { [ZONE]: 'us-east-1b' }, undefined, {}, undefined],
    ['a region label must match too', { [REGION]: 'eu-west-1' }, undefined, nodeA, 'volume node affinity conflict: PersistentVolume pv-1 is in topology.kubernetes.io/region eu-west-1, node has us-east-1'],
    [
      "the PV's node affinity must match",
      {},
      [{ matchExpressions: [{ key: ZONE, operator: 'In', values: ['us-east-1c'] }] }],
      nodeA,
      'volume node affinity conflict: PersistentVolume pv-1: node affinity requires topology.kubernetes.io/zone In [us-east-1c], node has us-east-1a',
    ],
    ["a PV's node affinity in the node zone fits", {}, [{ matchExpressions: [{ key: ZONE, operator: 'In', values: ['us-east-1a'] }] }], nodeA, undefined],
  ])('%s', (_name, pvLabels, terms, node, message) => {
    const topology = volumeTopology('pv-1', pvLabels, terms)!;
    expect(checkVolumeZone([topology], node, 'n1')).toEqual(
      message === undefined ? undefined : { code: 'volume-zone', message },
    );
  });

  it('a PV without topology puts no constraint on the pod', () => {
    expect(volumeTopology('pv-2', { team: 'x' }, undefined)).toBeUndefined();
  });
});

describe('VolumeZone as a registered check', () => {
  const zone = 'topology.kubernetes.io/zone';
  const input = {
    nodes: kube.list([
      kube.node('a1', { [zone]: 'eu-west-1a' }, { cpu: '2', pods: '10' }),
      kube.node('b1', { [zone]: 'eu-west-1b' }, { cpu: '2', pods: '10' }),
    ]),
    pods: kube.list([kube.pending({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-0' } }] })]),
    persistentVolumes: kube.list([{ metadata: { name: 'pv-1', labels: { [zone]: 'eu-west-1a' } } }]),
    persistentVolumeClaims: kube.list([{ metadata: { name: 'data-0', namespace: 'shop' }, spec: { volumeName: 'pv-1' } }]),
  };
  it.each<[string, string, string[]]>([
    ['a node in the volume zone may mount it', 'a1', []],
    ['a node in another zone cannot', 'b1', ['volume-zone']],
  ])('%s', (_name, node, codes) => {
    const verdict = checkOnCluster(volumeZoneCheck, input)(node);
    expect(verdict.findings.map(f => f.code)).toEqual(codes);
    expect(verdict.passes).toBe(codes.length === 0);
  });
});

describe('VolumeZone with a volume pinned to one node by name', () => {
  const zone = 'topology.kubernetes.io/zone';
  // Two nodes of one class (same labels but the hostname): a local volume lives on the second.
  const inputPinnedBy = (terms: unknown) => ({
    nodes: kube.list([
      kube.node('a1', { [zone]: 'eu-west-1a' }, { cpu: '2', pods: '10' }),
      kube.node('a2', { [zone]: 'eu-west-1a' }, { cpu: '2', pods: '10' }),
    ]),
    pods: kube.list([kube.pending({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-0' } }] })]),
    persistentVolumes: kube.list([
      { metadata: { name: 'local-pv' }, spec: { nodeAffinity: { required: { nodeSelectorTerms: terms } } } },
    ]),
    persistentVolumeClaims: kube.list([{ metadata: { name: 'data-0', namespace: 'shop' }, spec: { volumeName: 'local-pv' } }]),
  });
  it.each<[string, unknown]>([
    ['by hostname label', [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['a2'] }] }]],
    ['by metadata.name field', [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a2'] }] }]],
  ])('is asked of each node of the class, %s', (_name, terms) => {
    const check = checkOnCluster(volumeZoneCheck, inputPinnedBy(terms));
    expect(check('a2')).toEqual({ passes: true, findings: [] });
    expect(check('a1').passes).toBe(false);
    expect(check('a1').findings.map(f => f.code)).toEqual(['volume-zone']);
    // The pool has room on the node that holds the volume.
    expect(check.fitsNow('a1')).toBe(true);
  });
});

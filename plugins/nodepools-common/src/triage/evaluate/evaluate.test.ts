import { defaultMachineCatalog } from '../../machines/catalog';
import { randomCluster } from '../../testing/randomCluster';
import { buildClusterState } from '../cluster';
import { poolSpec } from '../__fixtures__/poolSpec';
import { readTriageInput } from '../input';
import { Evaluator, FITS_AFTER_SCALE_UP, FITS_NEW_NODE, FITS_NOW } from '.';
import { evaluateCandidate } from './explain';

describe('the quick verdict and the explaining path', () => {
  it.each(Array.from({ length: 10 }, (_, i) => [2000 + i]))(
    'random cluster %i: the full evaluation behind the reasons agrees with the quick verdict',
    seed => {
      const state = buildClusterState(readTriageInput(randomCluster(seed), []));
      const evaluator = new Evaluator(state, defaultMachineCatalog(), {});
      for (const pod of state.pending) {
        const needs = evaluator.compileNeeds([pod]);
        for (const pool of state.pools) {
          const quick = evaluator.quickVerdict(needs, pool);
          const full = evaluator.evaluatePool(needs, pool);
          expect([pod.name, pool.name, full.fitsNow, full.fitsNewNode, full.fitsAfterScaleUp]).toEqual([
            pod.name,
            pool.name,
            (quick & FITS_NOW) !== 0,
            (quick & FITS_NEW_NODE) !== 0,
            (quick & FITS_AFTER_SCALE_UP) !== 0,
          ]);
          // A pool with nodes that does not fit now always says why.
          expect(!full.fitsNow && pool.nodeCount > 0 && full.nodeReasons.length === 0).toBe(false);
        }
      }
    },
  );

  it.each(Array.from({ length: 10 }, (_, i) => [2100 + i]))(
    'random cluster %i: a provisioner adds the first machine type whose own explanation fits within its limits',
    seed => {
      const state = buildClusterState(readTriageInput(randomCluster(seed), []));
      const evaluator = new Evaluator(state, defaultMachineCatalog(), {});
      let provisioners = 0;
      const disagreements: string[] = [];
      for (const pod of state.pending) {
        const needs = evaluator.compileNeeds([pod]);
        for (const pool of state.pools) {
          const template = evaluator.template(pool);
          if (template.kind !== 'provisioner') continue;
          provisioners++;
          const first = template.candidates.find(c => {
            const result = evaluateCandidate(needs, c, template);
            return result.fits && !result.limitsReason;
          });
          const full = evaluator.evaluatePool(needs, pool);
          const agrees = first ? full.candidate === first : !(full.fitsNewNode && !full.scalingReason && template.scaling.canAdd);
          if (!agrees) disagreements.push(`${pod.name} on ${pool.name}: ${full.candidate?.machineType} for ${first?.machineType}`);
        }
      }
      expect(provisioners).toBeGreaterThan(0);
      expect(disagreements).toEqual([]);
    },
  );
});

describe('a pool whose classes differ only by zone', () => {
  const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
  const node = (name: string, zone: string, extra: { cordoned?: boolean; taint?: boolean } = {}) => ({
    metadata: {
      name,
      labels: {
        'eks.amazonaws.com/nodegroup': 'web',
        'kubernetes.io/hostname': name,
        'topology.kubernetes.io/zone': zone,
        team: 'shop',
      },
    },
    spec: {
      ...(extra.cordoned ? { unschedulable: true } : {}),
      ...(extra.taint ? { taints: [{ key: 'dedicated', value: 'shop', effect: 'NoSchedule' }] } : {}),
    },
    status: { allocatable: { cpu: '2', memory: '8Gi', pods: '29' } },
  });
  const pod = (name: string, spec: Record<string, unknown>) => ({
    metadata: { name, namespace: 'shop' },
    spec: { containers: [{ name: 'main', resources: { requests: { cpu: '100m' } } }], ...spec },
    status: { phase: 'Pending' },
  });
  const verdictsOf = (nodes: unknown[], pods: unknown[]) => {
    const state = buildClusterState(
      readTriageInput(
        {
          nodes: { items: nodes },
          pods: { items: pods },
          pools: [
            poolSpec({
              cluster: 'c',
              provider: 'eks',
              name: 'web',
              machineTypes: ['m5.large'],
              autoscaling: { enabled: true, min: 0, max: 10 },
              labels: { team: 'shop' },
              zones,
            }),
          ],
        },
        [],
      ),
    );
    const evaluator = new Evaluator(state, defaultMachineCatalog(), {});
    const [pool] = state.pools;
    return state.pending.map(p => {
      const needs = evaluator.compileNeeds([p]);
      const full = evaluator.evaluatePool(needs, pool);
      const quick = evaluator.quickVerdict(needs, pool);
      // The quick answer and the explained one agree.
      expect([(quick & FITS_NOW) !== 0, (quick & FITS_AFTER_SCALE_UP) !== 0]).toEqual([full.fitsNow, full.fitsAfterScaleUp]);
      return [p.name, full.fitsNow, full.fitsAfterScaleUp];
    });
  };

  it('answers a pod that reads the zone per zone, and one that does not for all of them', () => {
    const nodes = zones.map((zone, i) => node(`n${i}`, zone));
    expect(
      verdictsOf(nodes, [
        pod('in-c', { nodeSelector: { 'topology.kubernetes.io/zone': 'us-east-1c' } }),
        pod('in-d', { nodeSelector: { 'topology.kubernetes.io/zone': 'us-east-1d' } }),
        pod('team', { nodeSelector: { team: 'shop' } }),
        pod('other-team', { nodeSelector: { team: 'ads' } }),
      ]),
    ).toEqual([
      ['in-c', true, true],
      ['in-d', false, false],
      ['team', true, true],
      ['other-team', false, false],
    ]);
  });

  it('does not take a cordoned or tainted class for its untainted neighbours', () => {
    // The largest class (two nodes in 1a) is cordoned; the next one takes the pod.
    const cordoned = [node('a1', zones[0], { cordoned: true }), node('a2', zones[0], { cordoned: true })];
    expect(verdictsOf([...cordoned, node('c1', zones[2]), node('b1', zones[1], { taint: true })], [pod('plain', {})])).toEqual([
      ['plain', true, true],
    ]);
    expect(verdictsOf([...cordoned, node('b1', zones[1], { taint: true })], [pod('plain', {})])).toEqual([['plain', false, true]]);
    // An untainted class takes it after a tainted one; a new node copies the tainted (typical) one.
    const tainted = [node('b1', zones[1], { taint: true }), node('b2', zones[1], { taint: true })];
    expect(verdictsOf([...tainted, node('c1', zones[2])], [pod('plain', {})])).toEqual([['plain', true, false]]);
  });
});

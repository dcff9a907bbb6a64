import { createRequestBodySchema, parsePoolRequestSpec, parseWith, RequestBodyError, requestListQuerySchema, transitionBodySchema } from './schema';
import { makeRequestSpec } from './__testUtils__/specs';

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RequestBodyError);
    return (error as RequestBodyError).field;
  }
  throw new Error('no error');
}

describe('request body schemas', () => {
  it('fills the defaults and normalizes the owner', () => {
    const { capacityType, os, labels, taints, zones, ...rest } = makeRequestSpec('doks-node-pool');
    const spec = parsePoolRequestSpec({ ...rest, owner: 'edge' });
    expect(spec).toMatchObject({ capacityType: 'on-demand', os: 'linux', labels: {}, taints: [], zones: [], owner: 'group:default/edge' });
  });

  it.each([
    ['an unknown kind', { kind: 'ecs' }, 'spec.kind'],
    ['a bad cluster ref', { cluster: 'prod' }, 'spec.cluster'],
    ['a cluster of another cloud', { cluster: 'gke/p/europe-west1/c' }, 'spec.cluster'],
    ['a name with a space', { name: 'a b' }, 'spec.name'],
    ['no machine type', { machineTypes: [] }, 'spec.machineTypes'],
    ['a machine type with a quote', { machineTypes: ["m5'"] }, 'spec.machineTypes.0'],
    ['a negative count', { nodeCount: -1 }, 'spec.nodeCount'],
    ['a fractional maximum', { autoscaling: { min: 1, max: 2.5 } }, 'spec.autoscaling.max'],
    ['a label value with a newline', { labels: { a: 'x\ny' } }, 'spec.labels.a'],
    ['a taint without effect', { taints: [{ key: 'a' }] }, 'spec.taints.0.effect'],
    ['an unknown field', { colour: 'red' }, 'spec.colour'],
    ['an AKS-only mode', { mode: 'system' }, 'spec.mode'],
    ['zones on EKS', { zones: ['eu-west-1a'] }, 'spec.zones'],
    ['a user as owner', { owner: 'user:default/jane' }, 'spec.owner'],
    ['an empty justification', { justification: '  ' }, 'spec.justification'],
    ['windows spot... on doks', { os: 'windows', kind: 'doks-node-pool', cluster: 'doks/-/ams3/edge', machineTypes: ['s-2vcpu-4gb'], diskSizeGb: undefined }, 'spec.os'],
  ])('names the field of %s', (_what, overrides, field) => {
    const body = { spec: { ...makeRequestSpec('eks-managed-node-group'), ...overrides } };
    expect(fieldOf(() => parseWith(createRequestBodySchema, body))).toBe(field);
  });

  it.each([
    ['karpenter-nodepool', { nodeCount: 3 }, 'spec.nodeCount'],
    ['karpenter-nodepool', { autoscaling: { min: 1, max: 3 } }, 'spec.autoscaling.min'],
    ['gke-node-pool', { zones: [] }, 'spec.zones'],
    ['gke-node-pool', { machineTypes: ['e2-standard-4', 'e2-standard-8'] }, 'spec.machineTypes'],
    ['aks-node-pool', { nodeCount: undefined, autoscaling: undefined }, 'spec.nodeCount'],
    ['doks-node-pool', { capacityType: 'spot' }, 'spec.capacityType'],
  ] as const)('applies the rules of a %s: %p names %s', (kind, overrides, field) => {
    const body = { spec: { ...makeRequestSpec(kind), ...overrides } };
    expect(fieldOf(() => parseWith(createRequestBodySchema, body))).toBe(field);
  });

  it('names the body itself when it is not an object, and a missing version', () => {
    expect(fieldOf(() => parseWith(createRequestBodySchema, 'x'))).toBe('body');
    expect(fieldOf(() => parseWith(transitionBodySchema, { comment: 'ok' }))).toBe('version');
  });

  it('reads list queries with comma lists, and names a bad parameter', () => {
    expect(parseWith(requestListQuerySchema, { state: 'draft,submitted', limit: '10' }, 'query')).toMatchObject({ view: 'all', state: ['draft', 'submitted'], limit: 10, offset: 0 });
    expect(fieldOf(() => parseWith(requestListQuerySchema, { state: 'draft,nope' }, 'query'))).toBe('query.state.1');
    expect(fieldOf(() => parseWith(requestListQuerySchema, { view: 'theirs' }, 'query'))).toBe('query.view');
  });
});

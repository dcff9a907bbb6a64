import { formatLabelSelector, matchesSelector, parseLabelSelector } from './labelSelector';
import { workloadQueryOfEntity, workloadSelector } from './entityWorkload';

describe('parseLabelSelector', () => {
  it('reads every supported requirement', () => {
    expect(
      parseLabelSelector('app=web, tier==front,env!=dev,zone in (a, b),stage notin (x),canary,!legacy'),
    ).toEqual([
      { key: 'app', operator: 'in', values: ['web'] },
      { key: 'tier', operator: 'in', values: ['front'] },
      { key: 'env', operator: 'not-in', values: ['dev'] },
      { key: 'zone', operator: 'in', values: ['a', 'b'] },
      { key: 'stage', operator: 'not-in', values: ['x'] },
      { key: 'canary', operator: 'exists', values: [] },
      { key: 'legacy', operator: 'not-exists', values: [] },
    ]);
  });

  it('reads prefixed keys and empty values', () => {
    expect(parseLabelSelector('backstage.io/kubernetes-id=payments,app.kubernetes.io/name=')).toEqual([
      { key: 'backstage.io/kubernetes-id', operator: 'in', values: ['payments'] },
      { key: 'app.kubernetes.io/name', operator: 'in', values: [''] },
    ]);
  });

  it.each([
    ['an empty selector', ' ', 'label selector is empty'],
    ['an empty requirement', 'app=web,,tier=x', "label selector 'app=web,,tier=x': an empty requirement"],
    ['a numeric comparison', 'replicas>3', 'only =, ==, !=, in, notin and existence are supported'],
    ['a bad key', 'a b=c', "'a b' is not a label key"],
    ['a bad value', 'app=web server', "'web server' is not a label value"],
    ['an unclosed set', 'app in (a,b', "unbalanced '('"],
  ])('refuses %s', (_case, selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });

  it('writes a selector back in the form kubectl prints', () => {
    const selector = 'app=web,env!=dev,zone in (a,b),stage notin (x,y),canary,!legacy';
    expect(formatLabelSelector(parseLabelSelector(selector))).toBe(selector);
  });
});

describe('matchesSelector', () => {
  const requirements = parseLabelSelector('app=web,env notin (dev),!legacy');
  it.each([
    ['every requirement holds', { app: 'web', env: 'prod' }, true],
    ['a label the notin names is absent', { app: 'web' }, true],
    ['the value is another', { app: 'api', env: 'prod' }, false],
    ['the label is absent', { env: 'prod' }, false],
    ['a notin value is present', { app: 'web', env: 'dev' }, false],
    ['a label that must be absent is present', { app: 'web', legacy: '' }, false],
  ])('%s: %s', (_case, labels, expected) => {
    expect(matchesSelector(requirements, labels)).toBe(expected);
  });
});

describe('the workload of a catalog entity', () => {
  it('takes its label selector over its Kubernetes id, with its namespace', () => {
    const query = workloadQueryOfEntity({
      'backstage.io/kubernetes-id': 'notification-worker',
      'backstage.io/kubernetes-label-selector': 'app=notification-worker',
      'backstage.io/kubernetes-namespace': 'async',
    });
    expect(query).toEqual({
      kubernetesId: 'notification-worker',
      labelSelector: 'app=notification-worker',
      namespace: 'async',
    });
    expect(workloadSelector(query!)).toBe('app=notification-worker');
  });

  it('turns a Kubernetes id into its label', () => {
    expect(workloadSelector({ kubernetesId: 'payments' })).toBe('backstage.io/kubernetes-id=payments');
  });

  it('names no workload without an id or a selector', () => {
    expect(workloadQueryOfEntity({ 'backstage.io/kubernetes-namespace': 'async' })).toBeUndefined();
    expect(() => workloadSelector({ namespace: 'async' })).toThrow('needs a kubernetesId or a labelSelector');
  });
});

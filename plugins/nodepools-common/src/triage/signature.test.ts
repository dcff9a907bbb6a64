import { readPod } from './read';
import { groupBySignature, signatureKey } from './signature';

function pod(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}) {
  return readPod({ metadata: { name, namespace: 'shop', labels }, spec, status: { phase: 'Pending' } }, 0);
}

const container = (requests: Record<string, string>) => [{ name: 'main', resources: { requests } }];

describe('signatureKey', () => {
  it('is the same for records whose keys were written in another order', () => {
    const a = pod('a', { containers: container({ cpu: '1', memory: '1Gi' }), nodeSelector: { team: 'a', tier: 'web' } }, { app: 'x', tier: 'web' });
    const b = pod('b', { containers: container({ memory: '1Gi', cpu: '1' }), nodeSelector: { tier: 'web', team: 'a' } }, { tier: 'web', app: 'x' });
    expect(signatureKey(a, [], true)).toBe(signatureKey(b, [], true));
  });

  it('is the same for label keys that look like numbers, whatever their order', () => {
    const a = pod('a', { containers: container({ cpu: '1' }), nodeSelector: { '10': 'x', '9': 'y', b: '1', a: '2' } });
    const b = pod('b', { containers: container({ cpu: '1' }), nodeSelector: { a: '2', b: '1', '9': 'y', '10': 'x' } });
    expect(signatureKey(a, [], false)).toBe(signatureKey(b, [], false));
  });

  it('tells apart what the scheduler reads differently', () => {
    const base = pod('a', { containers: container({ cpu: '1' }), nodeSelector: { team: 'a' } });
    const otherValue = pod('b', { containers: container({ cpu: '1' }), nodeSelector: { team: 'b' } });
    const otherRequest = pod('c', { containers: container({ cpu: '2' }), nodeSelector: { team: 'a' } });
    const moreKeys = pod('d', { containers: container({ cpu: '1' }), nodeSelector: { team: 'a', tier: 'web' } });
    const keys = [base, otherValue, otherRequest, moreKeys].map(p => signatureKey(p, [], false));
    expect(new Set(keys).size).toBe(4);
  });

  it('reads labels only when asked to', () => {
    const a = pod('a', { containers: container({ cpu: '1' }) }, { app: 'x' });
    const b = pod('b', { containers: container({ cpu: '1' }) }, { app: 'y' });
    expect(signatureKey(a, [], false)).toBe(signatureKey(b, [], false));
    expect(signatureKey(a, [], true)).not.toBe(signatureKey(b, [], true));
  });

  it('groups pods by key in first-seen order', () => {
    const pods = [
      pod('a', { containers: container({ cpu: '1', memory: '1Gi' }) }),
      pod('b', { containers: container({ cpu: '2' }) }),
      pod('c', { containers: container({ memory: '1Gi', cpu: '1' }) }),
    ];
    const groups = groupBySignature(pods, p => signatureKey(p, [], false));
    expect(groups.map(g => g.items.map(p => p.name))).toEqual([['a', 'c'], ['b']]);
  });
});

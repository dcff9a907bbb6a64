import { assignNames, slugify } from './entityNames';

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const pool = (id: string, text: string) => ({ id, text, fallback: 'pool' });

describe('slugify', () => {
  it.each([
    ['a DNS label stays as it is', 'payments-prod-general', 'payments-prod-general'],
    ['upper case is lowered', 'Payments-Prod-Workers', 'payments-prod-workers'],
    ['accents are dropped', 'équipe-données', 'equipe-donnees'],
    ['slashes, blanks and symbols become one dash', 'team a / b:c  (spot)', 'team-a-b-c-spot'],
    ['dots and underscores are kept', 'gpu_pool.v2', 'gpu_pool.v2'],
    ['runs of separators become one', 'a..--__b', 'a_b'],
    ['separators are trimmed from both ends', '--.pool._', 'pool'],
    ['text with nothing readable is empty', '漢字 ✓', ''],
  ])('%s', (_case, text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});

describe('assignNames', () => {
  it('keeps a readable name that is already an entity name', () => {
    expect(assignNames([pool('a', 'payments-prod-general')])).toEqual(new Map([['a', 'payments-prod-general']]));
  });

  it('hashes a name that had to change, so that it says which pool it is', () => {
    const names = assignNames([pool('eks/1/r/prod/team a', 'prod-team a')]);
    expect(names.get('eks/1/r/prod/team a')).toMatch(/^prod-team-a-[0-9a-f]{10}$/);
  });

  it('cuts a long name to 63 characters with a hash', () => {
    const long = 'x'.repeat(200);
    const name = assignNames([pool('long', long)]).get('long')!;
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^x{52}-[0-9a-f]{10}$/);
  });

  it('hashes every pool of a collision, whatever the order', () => {
    const a = pool('eks/1/us-east-1/prod/general', 'prod-general');
    const b = pool('eks/1/eu-west-1/prod/general', 'prod-general');
    const c = pool('gke/p/europe-west1/prod/other', 'prod-other');
    const one = assignNames([a, b, c]);
    const other = assignNames([c, b, a]);
    expect(one).toEqual(other);
    expect(one.get(a.id)).not.toBe(one.get(b.id));
    expect(one.get(a.id)).toMatch(/^prod-general-[0-9a-f]{10}$/);
    expect(one.get(c.id)).toBe('prod-other');
  });

  it('tells names apart by case, as the catalog does not', () => {
    const names = assignNames([pool('a', 'prod-Workers'), pool('b', 'prod-workers')]);
    expect(names.get('a')!.toLowerCase()).not.toBe(names.get('b')!.toLowerCase());
  });

  it('falls back to the given start when nothing readable is left', () => {
    expect(assignNames([pool('k', '✓✓✓')]).get('k')).toMatch(/^pool-[0-9a-f]{10}$/);
  });

  it('gives every hostile name a valid, unique entity name', () => {
    const hostile = [
      'ノードプール',
      'a'.repeat(200),
      'a.b.c',
      'team/a/b',
      '..',
      '-',
      'UPPER',
      'upper',
      'emoji-😀-pool',
      ' leading and trailing ',
      'x'.repeat(63),
      'x'.repeat(64),
    ];
    const requests = hostile.flatMap((text, i) => [pool(`p${i}`, text), pool(`q${i}`, text)]);
    const names = assignNames(requests);
    const values = [...names.values()];
    expect(values.every(name => NAME.test(name) && name.length <= 63)).toBe(true);
    expect(new Set(values.map(v => v.toLowerCase())).size).toBe(requests.length);
  });
});

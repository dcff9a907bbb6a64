import { SharedResourceMaps } from './sharedResourceMaps';

describe('SharedResourceMaps', () => {
  it('gives one object for equal amounts, whatever their order', () => {
    const maps = new SharedResourceMaps();
    const first = { cpu: 1930, memory: 7e9, pods: 29 };
    expect(maps.share(first)).toBe(first);
    expect(maps.share({ pods: 29, cpu: 1930, memory: 7e9 })).toBe(first);
  });

  it.each([
    ['another amount', { cpu: 1940, memory: 7e9, pods: 29 }],
    ['a resource more', { cpu: 1930, memory: 7e9, pods: 29, 'nvidia.com/gpu': 1 }],
    ['a resource less', { cpu: 1930, memory: 7e9 }],
    ['another resource of the same count', { cpu: 1930, memory: 7e9, 'hugepages-2Mi': 29 }],
  ])('keeps %s apart', (_, other) => {
    const maps = new SharedResourceMaps();
    const first = maps.share({ cpu: 1930, memory: 7e9, pods: 29 });
    expect(maps.share(other)).toBe(other);
    expect(maps.share({ ...other })).toBe(other);
    expect(maps.share({ cpu: 1930, memory: 7e9, pods: 29 })).toBe(first);
  });

  it('compares amounts as the capacity groups do: zero and minus zero are two amounts', () => {
    const maps = new SharedResourceMaps();
    const zero = maps.share({ cpu: 0 });
    expect(maps.share({ cpu: -0 })).not.toBe(zero);
    expect(maps.share({ cpu: 0 })).toBe(zero);
  });
});

import { ConfigReader } from '@backstage/config';
import { readListingCacheBytes } from './listingConfig';

describe('nodepools.listing.cacheMb', () => {
  it('is 32 MiB by default, and 0 turns the cache off', () => {
    expect(readListingCacheBytes(new ConfigReader({}))).toBe(32 * 1024 * 1024);
    expect(readListingCacheBytes(new ConfigReader({ nodepools: { listing: { cacheMb: 0 } } }))).toBe(0);
    expect(readListingCacheBytes(new ConfigReader({ nodepools: { listing: { cacheMb: 0.5 } } }))).toBe(512 * 1024);
  });

  it.each([[-1], ['lots']])('refuses %p naming the key', cacheMb => {
    expect(() => readListingCacheBytes(new ConfigReader({ nodepools: { listing: { cacheMb } } }))).toThrow(
      "nodepools.listing.cacheMb",
    );
  });
});

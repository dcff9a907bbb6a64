import type { ResourceMap } from '../read';
import { FNV_OFFSET, mixNumber, mixText } from './hash';

/** A hash of names and exact amounts that does not depend on their order. */
export function resourcesHash(map: Readonly<ResourceMap>): number {
  let hash = 0;
  for (const name in map) {
    if (!Object.hasOwn(map, name)) continue;
    // Summed, so the same amounts listed in another order hash alike.
    hash = (hash + mixNumber(mixText(FNV_OFFSET, name), map[name])) | 0;
  }
  return hash;
}

/** Whether both maps hold the same names with the same amounts (zero and minus zero apart). */
export function sameResources(a: Readonly<ResourceMap>, b: Readonly<ResourceMap>): boolean {
  let count = 0;
  for (const name in a) {
    if (!Object.hasOwn(a, name)) continue;
    if (!Object.hasOwn(b, name) || !Object.is(a[name], b[name])) return false;
    count++;
  }
  for (const name in b) if (Object.hasOwn(b, name)) count--;
  return count === 0;
}

/**
 * One object for equal resource lists: nodes of one machine type report
 * the same allocatable amounts, so 200,000 nodes hold a few hundred maps.
 * A shared map is never changed.
 */
export class SharedResourceMaps {
  private readonly byHash = new Map<number, ResourceMap[]>();

  /** The shared map equal to `map`; `map` itself when it is the first of its amounts. */
  share(map: ResourceMap): ResourceMap {
    const hash = resourcesHash(map);
    const maps = this.byHash.get(hash);
    if (!maps) {
      this.byHash.set(hash, [map]);
      return map;
    }
    for (const shared of maps) if (sameResources(shared, map)) return shared;
    maps.push(map);
    return map;
  }
}

import { volumeTopology, type VolumeTopology } from '../checks/volumeZone';
import { compareText } from '../compare';
import type { EventRecord } from '../read';
import { podKey } from './nodes';
import type { ClusterInput } from './types';

/** `namespace/claim` -> where the claim's bound volume can be used. */
export function volumesByClaim(input: ClusterInput): Map<string, VolumeTopology> {
  const volumesByName = new Map(
    input.persistentVolumes.map(pv => [pv.name, volumeTopology(pv.name, pv.labels, pv.terms)] as const),
  );
  const volumes = new Map<string, VolumeTopology>();
  for (const claim of input.persistentVolumeClaims) {
    const topology = claim.volumeName ? volumesByName.get(claim.volumeName) : undefined;
    if (topology) volumes.set(`${claim.namespace}/${claim.name}`, topology);
  }
  return volumes;
}

/** `namespace/pod` -> its events, oldest first. */
export function eventsByPod(events: readonly EventRecord[]): Map<string, EventRecord[]> {
  const byPod = new Map<string, EventRecord[]>();
  for (const event of events) {
    const key = podKey(event);
    let list = byPod.get(key);
    if (!list) byPod.set(key, (list = []));
    list.push(event);
  }
  for (const list of byPod.values()) list.sort((a, b) => compareText(a.time, b.time));
  return byPod;
}

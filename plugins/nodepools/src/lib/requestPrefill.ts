import {
  ARCHITECTURES,
  CAPACITY_TYPES,
  OPERATING_SYSTEMS,
  POOL_MODES,
  REQUEST_KINDS,
  TAINT_EFFECTS,
  type RequestKind,
  type Taint,
} from '@nodepools/plugin-nodepools-common';
import { emptyDraft, withKind, type RequestDraft } from './requestDraft';

/*
 * The request form's query string: one readable parameter per field, so a
 * link from a pool page, a triage fix, a runbook or a chat message can
 * prefill the form. Repeated parameters are lists (`machineType`, `zone`,
 * `label=key=value`, `taint=key=value:Effect`); unknown values are dropped,
 * and the form's own checks say what is still missing.
 */

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find(v => v === value);
}

function count(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** `key=value:Effect`, `key:Effect` */
export function formatTaint(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

export function parseTaint(text: string): Taint | undefined {
  const colon = text.lastIndexOf(':');
  if (colon < 1) return undefined;
  const effect = oneOf(TAINT_EFFECTS, text.slice(colon + 1));
  if (!effect) return undefined;
  const [key, ...value] = text.slice(0, colon).split('=');
  if (!key) return undefined;
  return value.length ? { key, value: value.join('='), effect } : { key, effect };
}

/** `key=value` */
export function parseLabel(text: string): [string, string] | undefined {
  const eq = text.indexOf('=');
  if (eq < 1) return undefined;
  return [text.slice(0, eq), text.slice(eq + 1)];
}

export function draftToSearch(draft: RequestDraft): URLSearchParams {
  const search = new URLSearchParams();
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') search.set(key, String(value));
  };
  set('kind', draft.kind);
  set('cluster', draft.cluster);
  set('name', draft.name);
  for (const type of draft.machineTypes) search.append('machineType', type);
  if (draft.sizing === 'fixed') set('count', draft.nodeCount);
  else {
    set('min', draft.min);
    set('max', draft.max);
  }
  if (draft.capacityType !== 'on-demand') set('capacityType', draft.capacityType);
  if (draft.os !== 'linux') set('os', draft.os);
  set('arch', draft.arch);
  for (const [key, value] of Object.entries(draft.labels)) search.append('label', `${key}=${value}`);
  for (const taint of draft.taints) search.append('taint', formatTaint(taint));
  for (const zone of draft.zones) search.append('zone', zone);
  set('mode', draft.mode);
  set('maxPods', draft.maxPodsPerNode);
  set('diskSizeGb', draft.diskSizeGb);
  set('resourceGroup', draft.resourceGroup);
  set('nodeClass', draft.nodeClass);
  set('owner', draft.owner);
  set('justification', draft.justification);
  return search;
}

export function searchToDraft(search: URLSearchParams): RequestDraft {
  const kind: RequestKind = oneOf(REQUEST_KINDS, search.get('kind')) ?? 'eks-managed-node-group';
  const base = emptyDraft(kind);
  const fixedCount = count(search.get('count'));
  const labels = Object.fromEntries(
    search.getAll('label').map(parseLabel).filter((l): l is [string, string] => Boolean(l)),
  );
  const draft: RequestDraft = {
    ...base,
    cluster: search.get('cluster') ?? '',
    name: search.get('name') ?? '',
    machineTypes: [...new Set(search.getAll('machineType').filter(Boolean))],
    sizing: fixedCount !== undefined ? 'fixed' : 'autoscaled',
    nodeCount: fixedCount,
    min: count(search.get('min')) ?? base.min,
    max: count(search.get('max')) ?? base.max,
    capacityType: oneOf(CAPACITY_TYPES, search.get('capacityType')) ?? base.capacityType,
    os: oneOf(OPERATING_SYSTEMS, search.get('os')) ?? base.os,
    arch: oneOf(ARCHITECTURES, search.get('arch')),
    labels,
    taints: search.getAll('taint').map(parseTaint).filter((t): t is Taint => Boolean(t)),
    zones: [...new Set(search.getAll('zone').filter(Boolean))],
    mode: oneOf(POOL_MODES, search.get('mode')) ?? base.mode,
    maxPodsPerNode: count(search.get('maxPods')),
    diskSizeGb: count(search.get('diskSizeGb')),
    resourceGroup: search.get('resourceGroup') ?? undefined,
    nodeClass: search.get('nodeClass') ?? undefined,
    owner: search.get('owner') ?? '',
    justification: search.get('justification') ?? '',
  };
  return withKind(draft, kind);
}

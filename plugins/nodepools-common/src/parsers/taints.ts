import {
  TAINT_EFFECTS,
  type PoolMode,
  type Taint,
  type TaintEffect,
} from '../model/pool';
import { describeValue, type RecordReader } from './fields';

/** Effect spellings of the EKS and GKE APIs. */
export const UPPER_SNAKE_EFFECTS: Readonly<Record<string, TaintEffect>> = {
  NO_SCHEDULE: 'NoSchedule',
  PREFER_NO_SCHEDULE: 'PreferNoSchedule',
  NO_EXECUTE: 'NoExecute',
};

/** Kubernetes' own spelling, used by Karpenter, AKS and DigitalOcean. */
export const KUBERNETES_EFFECTS: Readonly<Record<string, TaintEffect>> =
  Object.fromEntries(TAINT_EFFECTS.map(effect => [effect, effect]));

/** The taint that keeps all but critical add-ons off a system pool (EKS Auto Mode, AKS). */
export const CRITICAL_ADDONS_ONLY = 'CriticalAddonsOnly';

/** Builds a taint, leaving out an empty value as the model wants. */
export function taint(
  key: string,
  value: string | undefined,
  effect: TaintEffect,
): Taint {
  return value === undefined || value === ''
    ? { key, effect }
    : { key, value, effect };
}

function readEffect(
  entry: RecordReader,
  effects: Readonly<Record<string, TaintEffect>>,
): TaintEffect | undefined {
  const allowed = Object.keys(effects).join(', ');
  const raw = entry.get('effect');
  if (raw === undefined || raw === '') {
    entry.report('effect', `is required: one of ${allowed}`);
    return undefined;
  }
  const effect = typeof raw === 'string' ? effects[raw] : undefined;
  if (!effect) {
    entry.report('effect', `expected one of ${allowed}, got ${describeValue(raw)}`);
  }
  return effect;
}

/**
 * Reads a list of `{key, value, effect}` taints, mapping the provider's effect
 * spelling through `effects`. Bad entries are reported and left out.
 */
export function readTaintList(
  reader: RecordReader,
  key: string,
  effects: Readonly<Record<string, TaintEffect>>,
): Taint[] {
  const taints: Taint[] = [];
  for (const entry of reader.objectArray(key) ?? []) {
    const taintKey = entry.requiredString('key');
    const value = entry.string('value');
    const effect = readEffect(entry, effects);
    if (taintKey && effect) taints.push(taint(taintKey, value, effect));
  }
  return taints;
}

/** A pool only critical add-ons may use is a system pool. */
export function modeFromTaints(taints: readonly Taint[]): PoolMode {
  return taints.some(t => t.key === CRITICAL_ADDONS_ONLY) ? 'system' : 'user';
}

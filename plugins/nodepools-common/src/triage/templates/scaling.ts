import { providerProfile } from '../../providers/registry';
import { quantityToInteger, quantityToMilli } from '../../quantity/parse';
import type { PoolState } from '../cluster';
import { addInto, type ResourceMap } from '../read';
import { formatResourceAmount } from '../../quantity/format';
import type { CheckReason } from '../types';
import type { PoolScaling, PoolTemplate, TemplateCandidate } from './types';

function parseLimits(limits: Record<string, string> | undefined, notes: string[], pool: PoolState): ResourceMap | undefined {
  if (!limits) return undefined;
  const parsed: ResourceMap = {};
  for (const [name, value] of Object.entries(limits)) {
    try {
      parsed[name] = name === 'cpu' ? quantityToMilli(value) : quantityToInteger(value);
    } catch (e) {
      notes.push(`pool ${pool.name}: limits.${name} ignored: ${(e as Error).message}`);
    }
  }
  return parsed;
}

/**
 * Why a provisioner's pool adds no node: limits of zero turn its
 * autoscaling off (what AKS node auto-provisioning documents to disable a
 * pool), and a static NodePool keeps its replicas.
 */
function provisionsNothing(limits: Record<string, string> | undefined, current: number): CheckReason {
  const zero = Object.entries(limits ?? {}).filter(([, value]) => /^0+(\.0*)?[a-zA-Z]*$/.test(String(value).trim()));
  if (zero.length) {
    return {
      code: 'max-size',
      message: `autoscaling is off: its limits allow no new node (${zero.map(([name, value]) => `${name}: ${value}`).join(', ')})`,
    };
  }
  return { code: 'max-size', message: `autoscaling is off: the NodePool is static and keeps its replicas (${current} node(s))` };
}

export function scalingOf(pool: PoolState, notes: string[]): { kind: PoolTemplate['kind']; scaling: PoolScaling } {
  const spec = pool.spec;
  const current = spec?.nodeCount ?? pool.nodeCount;
  if (providerProfile(pool.provider).growth.kind === 'provisioner') {
    const limits = parseLimits(spec?.limits, notes, pool);
    let remaining: ResourceMap | undefined;
    if (limits) {
      const used: ResourceMap = {};
      for (const cls of pool.classes) for (const node of cls.nodes) addInto(used, node.capacity);
      remaining = {};
      for (const [name, limit] of Object.entries(limits)) remaining[name] = limit - (used[name] ?? 0);
    }
    const running = pool.nodeCount;
    if (spec && !spec.autoscaling.enabled) {
      const reason = provisionsNothing(spec.limits, current);
      return { kind: 'provisioner', scaling: { canAdd: false, current: running, limits, remaining, reason } };
    }
    return { kind: 'provisioner', scaling: { canAdd: true, current: running, limits, remaining } };
  }
  if (!spec) {
    return {
      kind: 'fixed',
      scaling: {
        canAdd: false,
        current,
        reason: {
          code: 'max-size',
          message: `no pool definition was given, so the pool is taken to be fixed at ${current} node(s)`,
        },
      },
    };
  }
  if (!spec.autoscaling.enabled) {
    return {
      kind: 'node-group',
      scaling: {
        canAdd: false,
        current,
        max: current,
        reason: { code: 'max-size', message: `autoscaling is off: the pool stays at ${current} node(s)` },
      },
    };
  }
  const max = spec.autoscaling.max;
  if (max !== undefined && current >= max) {
    return {
      kind: 'node-group',
      scaling: {
        canAdd: false,
        current,
        max,
        reason: { code: 'max-size', message: `the pool is at its max size (${current} of max ${max} nodes)` },
      },
    };
  }
  return { kind: 'node-group', scaling: { canAdd: true, current, max } };
}

/** A provisioner's new node of this type still fits the pool's remaining limits. */
export function withinLimits(template: PoolTemplate, candidate: TemplateCandidate): boolean {
  return limitReached(template, candidate) === undefined;
}

/** The limit a new node of this type would pass, with the amounts in use, allowed and added. */
export function limitReached(
  template: PoolTemplate,
  candidate: TemplateCandidate,
): { resource: string; reason: CheckReason } | undefined {
  const remaining = template.scaling.remaining;
  if (!remaining || !candidate.capacity) return undefined;
  for (const [resource, left] of Object.entries(remaining)) {
    const adds = candidate.capacity[resource] ?? 0;
    if (adds <= left) continue;
    const limit = template.scaling.limits?.[resource] ?? 0;
    const amount = (value: number) => formatResourceAmount(resource, value);
    return {
      resource,
      reason: {
        code: 'max-size',
        message: `the ${template.noun}'s limits.${resource} is reached: ${amount(limit - left)} of ${amount(limit)} in use, a new ${
          candidate.machineType ?? 'node'
        } adds ${amount(adds)}`,
      },
    };
  }
  return undefined;
}

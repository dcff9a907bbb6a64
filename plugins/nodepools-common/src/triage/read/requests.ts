import { quantityToInteger, quantityToMilli } from '../../quantity/parse';
import type { Container, PodSpec, ResourceRequirements } from '../kube';
import { FieldError, isObject } from './fields';

/**
 * Resource amounts in the units kube-scheduler compares: cpu in millicores,
 * everything else (memory, ephemeral-storage, pods, extended resources) as
 * integers rounded up, exactly as `Quantity.MilliValue()` and `Value()`.
 */
export type ResourceMap = Record<string, number>;

/** Parses a `requests`/`limits`/`allocatable` map. */
export function parseResourceList(list: unknown, field: string): ResourceMap {
  if (list === undefined || list === null) return {};
  if (!isObject(list)) throw new FieldError(field, 'must be a map of resource name to quantity');
  const result: ResourceMap = {};
  for (const [name, value] of Object.entries(list)) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new FieldError(`${field}.${name}`, `must be a quantity, got ${JSON.stringify(value)}`);
    }
    try {
      result[name] = name === 'cpu' ? quantityToMilli(value) : quantityToInteger(value);
    } catch (e) {
      throw new FieldError(`${field}.${name}`, (e as Error).message);
    }
  }
  return result;
}

/**
 * A container's requests after API defaulting: a resource with a limit but
 * no request is requested at its limit.
 */
export function effectiveRequests(resources: ResourceRequirements | undefined, field: string): ResourceMap {
  const requests = parseResourceList(resources?.requests, `${field}.requests`);
  if (resources?.limits === undefined || resources.limits === null) return requests;
  const limits = parseResourceList(resources.limits, `${field}.limits`);
  for (const name in limits) {
    if (!(name in requests)) requests[name] = limits[name];
  }
  return requests;
}

export function addInto(target: ResourceMap, amounts: ResourceMap): ResourceMap {
  for (const [name, amount] of Object.entries(amounts)) {
    target[name] = (target[name] ?? 0) + amount;
  }
  return target;
}

function maxInto(target: ResourceMap, amounts: ResourceMap): ResourceMap {
  for (const [name, amount] of Object.entries(amounts)) {
    if (amount > (target[name] ?? 0)) target[name] = amount;
  }
  return target;
}

/** Resources that pod-level `spec.resources` may set (the PodLevelResources feature). */
const POD_LEVEL_RESOURCES = new Set(['cpu', 'memory']);

function isPodLevelResource(name: string): boolean {
  return POD_LEVEL_RESOURCES.has(name) || name.startsWith('hugepages-');
}

function containers(spec: PodSpec, key: 'containers' | 'initContainers'): Container[] {
  const list = spec[key];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new FieldError(`spec.${key}`, 'must be a list');
  return list;
}

/**
 * What the scheduler reserves for a pod:
 * - the sum over app containers;
 * - plus restartable init containers (sidecars), which keep running;
 * - at least the largest need of any init container while it runs, which
 *   for a regular init container is its own request plus the sidecars
 *   started before it;
 * - pod-level `spec.resources` replaces the sum for cpu, memory and hugepages;
 * - plus `spec.overhead` (RuntimeClass overhead).
 */
export function podRequests(spec: PodSpec): ResourceMap {
  const app = containers(spec, 'containers');
  const simple =
    app.length === 1 &&
    (spec.initContainers === undefined || spec.initContainers.length === 0) &&
    !spec.overhead &&
    !spec.resources;
  // Most pods have one container and nothing else: its requests are the pod's.
  if (simple) return effectiveRequests(app[0]?.resources, 'spec.containers[0].resources');
  const total: ResourceMap = {};
  app.forEach((container, i) => {
    addInto(total, effectiveRequests(container?.resources, `spec.containers[${i}].resources`));
  });
  const sidecars: ResourceMap = {};
  const initPeak: ResourceMap = {};
  containers(spec, 'initContainers').forEach((container, i) => {
    const requests = effectiveRequests(container?.resources, `spec.initContainers[${i}].resources`);
    if (container?.restartPolicy === 'Always') {
      addInto(sidecars, requests);
      maxInto(initPeak, sidecars);
    } else {
      maxInto(initPeak, addInto({ ...requests }, sidecars));
    }
  });
  addInto(total, sidecars);
  maxInto(total, initPeak);
  const podLevel = effectiveRequests(spec.resources, 'spec.resources');
  for (const [name, amount] of Object.entries(podLevel)) {
    if (isPodLevelResource(name)) total[name] = amount;
  }
  addInto(total, parseResourceList(spec.overhead, 'spec.overhead'));
  return total;
}

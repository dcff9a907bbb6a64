import type { V1Container, V1PodSpec } from '@kubernetes/client-node';
import type { ResourceAmounts } from '@nodepools/plugin-nodepools-common';

/**
 * Kubernetes resource quantities in base units (cores, bytes, counts), and the
 * requests a pod holds on its node, enough for the capacity roll-up.
 */

const SUFFIX_MULTIPLIERS: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY =
  /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/** Parses `250m`, `1.5Gi`, `1e3`, `128974848`...; throws on anything else. */
export function parseQuantity(value: string): number {
  const match = QUANTITY.exec(value.trim());
  if (!match) throw new Error(`'${value}' is not a Kubernetes quantity`);
  const [, number, suffix, exponent] = match;
  const multiplier =
    exponent !== undefined ? 10 ** Number(exponent) : SUFFIX_MULTIPLIERS[suffix ?? ''];
  return roundToNano(Number(number) * multiplier);
}

/**
 * Nano is the finest unit a quantity has; rounding there hides float noise
 * such as 0.30000000000000004.
 */
export function roundToNano(value: number): number {
  return Math.abs(value) >= 1e6 ? value : Math.round(value * 1e9) / 1e9;
}

/** Adds `b` into `a`, resource by resource. */
export function addAmounts(a: ResourceAmounts, b: ResourceAmounts): void {
  for (const [name, amount] of Object.entries(b)) {
    if (amount === undefined) continue;
    a[name] = roundToNano((a[name] ?? 0) + amount);
  }
}

function maxInto(a: ResourceAmounts, b: ResourceAmounts): void {
  for (const [name, amount] of Object.entries(b)) {
    if (amount === undefined) continue;
    a[name] = Math.max(a[name] ?? 0, amount);
  }
}

export interface QuantityProblem {
  /** Dotted path of the bad value, e.g. `spec.containers[0].resources.requests.cpu`. */
  field: string;
  message: string;
}

/**
 * A resource list (`requests`, `allocatable`...) in base units; bad values
 * are reported and skipped.
 */
export function parseResourceList(
  list: Record<string, string> | undefined,
  field: string,
  problems: QuantityProblem[],
): ResourceAmounts {
  const amounts: ResourceAmounts = {};
  if (!list) return amounts;
  for (const [name, value] of Object.entries(list)) {
    try {
      amounts[name] = parseQuantity(String(value));
    } catch (error) {
      problems.push({ field: `${field}.${name}`, message: (error as Error).message });
    }
  }
  return amounts;
}

/** The resources a pod-level request may set (KEP-2837). */
function isPodLevelResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');
}

function containerRequests(
  container: V1Container,
  field: string,
  problems: QuantityProblem[],
): ResourceAmounts {
  return parseResourceList(container.resources?.requests, `${field}.resources.requests`, problems);
}

/**
 * What the scheduler reserves for a pod: the sum of its containers and
 * sidecars (init containers with `restartPolicy: Always`), or the largest
 * need while an init container runs beside the sidecars started before it,
 * whichever is larger; pod-level requests (`spec.resources`) replace that
 * for cpu, memory and hugepages; plus the pod overhead. Requests are read as
 * the API server stored them, where a container with only limits already
 * has them copied into requests.
 */
export function podRequests(spec: V1PodSpec, problems: QuantityProblem[]): ResourceAmounts {
  const total: ResourceAmounts = {};
  spec.containers?.forEach((container, i) =>
    addAmounts(total, containerRequests(container, `spec.containers[${i}]`, problems)),
  );
  const sidecars: ResourceAmounts = {};
  const initPeak: ResourceAmounts = {};
  spec.initContainers?.forEach((container, i) => {
    const requests = containerRequests(container, `spec.initContainers[${i}]`, problems);
    if (container.restartPolicy === 'Always') {
      addAmounts(total, requests);
      addAmounts(sidecars, requests);
      maxInto(initPeak, sidecars);
    } else {
      const running: ResourceAmounts = { ...sidecars };
      addAmounts(running, requests);
      maxInto(initPeak, running);
    }
  });
  maxInto(total, initPeak);
  const podLevel = parseResourceList(
    spec.resources?.requests,
    'spec.resources.requests',
    problems,
  );
  for (const [name, amount] of Object.entries(podLevel)) {
    if (isPodLevelResource(name)) total[name] = amount;
  }
  addAmounts(total, parseResourceList(spec.overhead, 'spec.overhead', problems));
  return total;
}

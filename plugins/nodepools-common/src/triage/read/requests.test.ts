import type { PodSpec } from '../kube';
import { FieldError } from './fields';
import { podRequests } from './requests';

const Mi = 2 ** 20;
const Gi = 2 ** 30;

const container = (requests?: Record<string, string>, limits?: Record<string, string>, restartPolicy?: string) => ({
  resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) },
  ...(restartPolicy ? { restartPolicy } : {}),
});

describe('podRequests', () => {
  it.each<[string, PodSpec, Record<string, number>]>([
    ['requests are summed over containers', { containers: [container({ cpu: '250m', memory: '64Mi' }), container({ cpu: '0.5', memory: '1Gi' })] }, { cpu: 750, memory: 64 * Mi + Gi }],
    ['a container with no resources adds nothing', { containers: [container(), container({ cpu: '1' })] }, { cpu: 1000 }],
    ['a limits-only container is requested at its limits', { containers: [container(undefined, { cpu: '2', memory: '2Gi' })] }, { cpu: 2000, memory: 2 * Gi }],
    ['a request wins over its limit', { containers: [container({ cpu: '100m' }, { cpu: '2', memory: '1Gi' })] }, { cpu: 100, memory: Gi }],
    ['extended resources are counted like any other', { containers: [container(undefined, { 'nvidia.com/gpu': '1' })] }, { 'nvidia.com/gpu': 1 }],
    ['ephemeral storage is counted', { containers: [container({ 'ephemeral-storage': '2Gi' })] }, { 'ephemeral-storage': 2 * Gi }],
    [
      'a large init container raises the pod to its own request (max rule)',
      { containers: [container({ cpu: '500m', memory: '128Mi' })], initContainers: [container({ cpu: '2', memory: '64Mi' })] },
      { cpu: 2000, memory: 128 * Mi },
    ],
    [
      'init containers run one at a time: the largest counts, not the sum',
      { containers: [container({ cpu: '100m' })], initContainers: [container({ cpu: '1' }), container({ cpu: '1500m' })] },
      { cpu: 1500 },
    ],
    [
      'a sidecar init container keeps running, so it adds to the app containers',
      { containers: [container({ cpu: '1' })], initContainers: [container({ cpu: '500m' }, undefined, 'Always')] },
      { cpu: 1500 },
    ],
    [
      'a regular init container after a sidecar runs next to it',
      {
        containers: [container({ cpu: '100m' })],
        initContainers: [container({ cpu: '500m' }, undefined, 'Always'), container({ cpu: '2' })],
      },
      { cpu: 2500 },
    ],
    [
      'a regular init container before a sidecar runs alone',
      {
        containers: [container({ cpu: '100m' })],
        initContainers: [container({ cpu: '2' }), container({ cpu: '500m' }, undefined, 'Always')],
      },
      { cpu: 2000 },
    ],
    ['pod overhead is added on top', { containers: [container({ cpu: '1', memory: '1Gi' })], overhead: { cpu: '250m', memory: '120Mi' } }, { cpu: 1250, memory: Gi + 120 * Mi }],
    [
      'pod-level resources replace the container sum for cpu and memory',
      { containers: [container({ cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '1' })], resources: { requests: { cpu: '3', memory: '4Gi' } } },
      { cpu: 3000, memory: 4 * Gi, 'nvidia.com/gpu': 1 },
    ],
    ['every quantity form is read: exponents, decimals, decimal suffixes', { containers: [container({ cpu: '1e-1', memory: '1.5G', 'example.com/widgets': '2k' })] }, { cpu: 100, memory: 1.5e9, 'example.com/widgets': 2000 }],
  ])('%s', (_name, spec, expected) => {
    expect(podRequests(spec)).toEqual(expected);
  });

  it.each<[string, PodSpec, string]>([
    ['an unknown quantity names the container and resource', { containers: [container({ cpu: 'lots' })] }, 'spec.containers[0].resources.requests.cpu'],
    ['a bad limit of an init container names it', { containers: [], initContainers: [container(undefined, { memory: '1 Gi' })] }, 'spec.initContainers[0].resources.limits.memory'],
    ['a bad overhead names the field', { containers: [], overhead: { cpu: 'x' } }, 'spec.overhead.cpu'],
    ['containers that are not a list', { containers: {} as never }, 'spec.containers'],
  ])('rejects %s', (_name, spec, field) => {
    let error: unknown;
    try {
      podRequests(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FieldError);
    expect((error as FieldError).field).toBe(field);
  });
});

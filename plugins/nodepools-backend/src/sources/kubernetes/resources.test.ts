import type { V1PodSpec } from '@kubernetes/client-node';
import { parseQuantity, podRequests, type QuantityProblem } from './resources';

describe('parseQuantity', () => {
  it.each([
    ['250m', 0.25],
    ['1930m', 1.93],
    ['2', 2],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['1.', 1],
    ['100n', 1e-7],
    ['5u', 5e-6],
    ['128974848', 128974848],
    ['129e6', 129e6],
    ['1E3', 1000],
    ['12e-3', 0.012],
    ['129M', 129e6],
    ['1k', 1000],
    ['1G', 1e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['123Mi', 123 * 2 ** 20],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['7408576Ki', 7408576 * 1024],
    ['1Ti', 2 ** 40],
    ['+2', 2],
  ])('reads %s', (value, expected) => {
    expect(parseQuantity(value)).toBe(expected);
  });

  it.each(['', 'abc', '1 Gi', '1GB', '1mi', 'Mi', '1e', '--1'])('rejects %j', value => {
    expect(() => parseQuantity(value)).toThrow(`'${value}' is not a Kubernetes quantity`);
  });
});

describe('podRequests', () => {
  const container = (requests: Record<string, string>, restartPolicy?: string) => ({
    name: 'c',
    resources: { requests },
    ...(restartPolicy ? { restartPolicy } : {}),
  });

  it('takes the larger of running containers and the init phase', () => {
    const spec: V1PodSpec = {
      containers: [container({ cpu: '500m', memory: '1Gi' }), container({ cpu: '250m' })],
      initContainers: [container({ cpu: '2', memory: '256Mi' })],
    };
    expect(podRequests(spec, [])).toEqual({ cpu: 2, memory: 2 ** 30 });
  });

  it('adds sidecars to the containers and to every later init container', () => {
    const spec: V1PodSpec = {
      containers: [container({ cpu: '1' })],
      initContainers: [
        container({ cpu: '300m' }, 'Always'),
        container({ cpu: '1200m' }),
        container({ cpu: '200m' }, 'Always'),
      ],
    };
    // Init peak: 300m sidecar + 1200m init = 1.5; running: 1 + 0.3 + 0.2 = 1.5.
    expect(podRequests(spec, [])).toEqual({ cpu: 1.5 });
    spec.containers = [container({ cpu: '100m' })];
    expect(podRequests(spec, [])).toEqual({ cpu: 1.5 });
    spec.initContainers![1] = container({ cpu: '2' });
    expect(podRequests(spec, [])).toEqual({ cpu: 2.3 });
  });

  it('lets pod-level requests replace the containers for cpu and memory only', () => {
    const spec: V1PodSpec = {
      containers: [container({ cpu: '100m', memory: '64Mi', 'nvidia.com/gpu': '1' })],
      resources: { requests: { cpu: '2', memory: '1Gi' } },
    };
    expect(podRequests(spec, [])).toEqual({ cpu: 2, memory: 2 ** 30, 'nvidia.com/gpu': 1 });
  });

  it('adds the pod overhead and reports bad values by field', () => {
    const problems: QuantityProblem[] = [];
    const spec: V1PodSpec = {
      containers: [container({ cpu: '100m', 'nvidia.com/gpu': 'one' })],
      overhead: { cpu: '250m', memory: '120Mi' },
    };
    expect(podRequests(spec, problems)).toEqual({ cpu: 0.35, memory: 120 * 2 ** 20 });
    expect(problems).toEqual([
      {
        field: 'spec.containers[0].resources.requests.nvidia.com/gpu',
        message: "'one' is not a Kubernetes quantity",
      },
    ]);
  });
});

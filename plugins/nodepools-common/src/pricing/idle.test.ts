import { idleHeadroom } from './idle';

const current = { nodes: 3, hourly: 0.288, monthly: 210.24 }; // 3 x m5.large
const GiB = 2 ** 30;

describe('idleHeadroom', () => {
  it('cpu binds: requests 1.5 of 5.79 cores (25.9%), memory 4 of 22.2 GiB (18%): 74.1% of 210.24 idle', () => {
    const idle = idleHeadroom(
      { current },
      { allocatable: { cpu: 5.79, memory: 22.2 * GiB }, requested: { cpu: 1.5, memory: 4 * GiB } },
    );
    expect(idle?.bindingResource).toBe('cpu');
    expect(idle?.utilization).toBeCloseTo(1.5 / 5.79, 12);
    expect(idle?.monthly).toBeCloseTo(210.24 * (1 - 1.5 / 5.79), 9); // 155.776...
    expect(idle?.hourly).toBeCloseTo(0.288 * (1 - 1.5 / 5.79), 12);
  });

  it('memory binds: 18 of 22.2 GiB requested leaves 210.24 x 4.2 / 22.2 = 39.775... idle', () => {
    const idle = idleHeadroom(
      { current },
      { allocatable: { cpu: 5.79, memory: 22.2 * GiB }, requested: { cpu: 1, memory: 18 * GiB } },
    );
    expect(idle?.bindingResource).toBe('memory');
    expect(idle?.monthly).toBeCloseTo((210.24 * 4.2) / 22.2, 9);
  });

  it('overcommitted requests leave nothing idle', () => {
    const idle = idleHeadroom({ current }, { allocatable: { cpu: 4, memory: GiB }, requested: { cpu: 6, memory: 0 } });
    expect(idle?.monthly).toBe(0);
  });

  it('needs a current cost and observed allocatable cpu and memory', () => {
    const observed = { allocatable: { cpu: 4, memory: GiB }, requested: {} };
    expect(idleHeadroom({}, observed)).toBeUndefined();
    expect(idleHeadroom({ current }, undefined)).toBeUndefined();
    expect(idleHeadroom({ current }, { allocatable: { cpu: 4 }, requested: {} })).toBeUndefined();
    // nothing requested: all idle
    expect(idleHeadroom({ current }, observed)?.monthly).toBeCloseTo(210.24, 9);
  });
});

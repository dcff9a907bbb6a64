import { randomCluster } from '../../testing/randomCluster';
import { eksProdInput } from '../__fixtures__/eksProd';
import { analyzePendingPods } from '../analyze';
import type { TriageInput, TriageReport } from '../types';
import { reportBytes } from './reportEncoder';

const text = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

describe('reportBytes', () => {
  it('writes the bytes JSON.stringify gives, signature by signature, for random clusters', () => {
    for (let seed = 1; seed <= 8; seed++) {
      // Two reports of one input: one written as bytes, the other stringified whole.
      const input = randomCluster(seed, { pools: 6, pending: 12 });
      const bytes = reportBytes(analyzePendingPods(input));
      // Written into one buffer grown in place, not encoded from one string.
      expect((bytes.buffer as { resizable?: boolean }).resizable).toBe(true);
      expect(text(bytes)).toBe(JSON.stringify(analyzePendingPods(input)));
    }
  });

  it('writes text outside ASCII as UTF-8, with placed pods, events and skipped items', () => {
    const input: TriageInput = { ...eksProdInput(), cluster: 'prod-\u00e9t\u00e9-\u{1f680}' };
    const bytes = reportBytes(analyzePendingPods(input));
    expect(bytes.byteLength).toBe(Buffer.byteLength(text(bytes)));
    expect(text(bytes)).toBe(JSON.stringify(analyzePendingPods(input)));
    expect((JSON.parse(text(bytes)) as TriageReport).cluster).toBe('prod-\u00e9t\u00e9-\u{1f680}');
  });

  it('writes a report without signatures', () => {
    const report = analyzePendingPods({ pods: { items: [] }, nodes: { items: [] } });
    expect(text(reportBytes(report))).toBe(JSON.stringify(report));
  });
});

import { formatBytes, formatMillicores, formatResourceAmount } from './format';

describe('format', () => {
  it.each([
    ['whole cores print as a number', 2000, '2'],
    ['less than a core prints in millicores', 250, '250m'],
    ['more than a core prints as a decimal', 1500, '1.5'],
  ])('cpu: %s', (_name, milli, text) => {
    expect(formatMillicores(milli)).toBe(text);
  });

  it.each([
    ['small amounts print in bytes', 100, '100'],
    ['mebibytes', 512 * 2 ** 20, '512Mi'],
    ['fractional gibibytes', 1.5 * 2 ** 30, '1.5Gi'],
  ])('bytes: %s', (_name, bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('prints extended resources as plain counts', () => {
    expect(formatResourceAmount('nvidia.com/gpu', 2)).toBe('2');
    expect(formatResourceAmount('memory', 2 ** 30)).toBe('1Gi');
    expect(formatResourceAmount('cpu', 100)).toBe('100m');
  });
});

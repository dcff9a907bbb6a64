import { END_OF_SUPPORT_MINORS, endOfSupport } from './endOfSupport';

describe('endOfSupport', () => {
  it('cites every provider for every minor from 1.27 to 1.34, in order', () => {
    expect(END_OF_SUPPORT_MINORS).toEqual(['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34']);
    for (const provider of ['eks', 'gke', 'aks', 'doks']) {
      const dates = END_OF_SUPPORT_MINORS.map(minor => endOfSupport(provider, minor)!.date);
      expect(dates.every(d => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)))).toBe(true);
      expect([...dates].sort()).toEqual(dates);
      expect(endOfSupport(provider, '1.31')!.source).toMatch(/^https:\/\//);
    }
  });

  it.each([
    ['eks', '1.33', '2026-07-29'],
    ['gke', '1.33', '2026-06-30'],
    ['aks', '1.33', '2026-06-30'],
    ['doks', '1.33', '2026-06-28'],
  ])('%s %s ends on %s', (provider, minor, date) => {
    expect(endOfSupport(provider, minor)?.date).toBe(date);
  });

  it('nothing for providers without a calendar or minors not cited', () => {
    expect(endOfSupport('kubernetes', '1.30')).toBeUndefined();
    expect(endOfSupport('eks', '1.26')).toBeUndefined();
    expect(endOfSupport('toString', '1.30')).toBeUndefined();
  });
});

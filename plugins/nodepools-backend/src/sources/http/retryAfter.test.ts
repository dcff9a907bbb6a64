import { headerLookup, retryAfterMs } from './retryAfter';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const lookup = (headers: Record<string, string>) => headerLookup(headers);

describe('retryAfterMs', () => {
  it('reads Retry-After in seconds', () => {
    expect(retryAfterMs(lookup({ 'Retry-After': '7' }), { now: NOW })).toBe(7000);
  });

  it('reads Retry-After as an HTTP date', () => {
    const header = new Date(NOW + 90_000).toUTCString();
    expect(retryAfterMs(lookup({ 'retry-after': header }), { now: NOW })).toBe(90_000);
  });

  it('reads a Retry-After date in the past as no wait', () => {
    const header = new Date(NOW - 5_000).toUTCString();
    expect(retryAfterMs(lookup({ 'retry-after': header }), { now: NOW })).toBe(0);
  });

  it('prefers the millisecond headers of Azure', () => {
    expect(
      retryAfterMs(lookup({ 'x-ms-retry-after-ms': '1500', 'retry-after': '9' }), { now: NOW }),
    ).toBe(1500);
    expect(retryAfterMs(lookup({ 'retry-after-ms': '20' }), { now: NOW })).toBe(20);
  });

  it('reads ratelimit-reset as a Unix time on a 429 (DigitalOcean)', () => {
    const reset = String(NOW / 1000 + 42);
    expect(
      retryAfterMs(lookup({ 'ratelimit-reset': reset }), { status: 429, now: NOW }),
    ).toBe(42_000);
  });

  it('reads ratelimit-reset as seconds from now when it cannot be a Unix time', () => {
    expect(
      retryAfterMs(lookup({ 'RateLimit-Reset': '12' }), { status: 429, now: NOW }),
    ).toBe(12_000);
  });

  it('reads x-ratelimit-reset when the budget is spent, whatever the status', () => {
    const headers = lookup({
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(NOW / 1000 + 3),
    });
    expect(retryAfterMs(headers, { status: 503, now: NOW })).toBe(3000);
  });

  it('ignores ratelimit-reset while requests remain and the call was not throttled', () => {
    const headers = lookup({ 'ratelimit-remaining': '4816', 'ratelimit-reset': '1444931833' });
    expect(retryAfterMs(headers, { status: 500, now: NOW })).toBeUndefined();
  });

  it('reads a reset time already past as no wait', () => {
    expect(
      retryAfterMs(lookup({ 'ratelimit-reset': '1444931833' }), { status: 429, now: NOW }),
    ).toBe(0);
  });

  it('says nothing for absent or unreadable headers', () => {
    expect(retryAfterMs(lookup({}), { status: 429, now: NOW })).toBeUndefined();
    expect(retryAfterMs(lookup({ 'retry-after': 'soon' }), { now: NOW })).toBeUndefined();
    expect(retryAfterMs(lookup({ 'retry-after': '-3' }), { now: NOW })).toBeUndefined();
  });
});

import type { PoolPage, SourcesResponse } from '@nodepools/plugin-nodepools-common';

async function guestToken(backendUrl: string): Promise<string> {
  const res = await fetch(`${backendUrl}/api/auth/guest/refresh`);
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

/**
 * Waits until the backend's first sync has stored `expected` pools, as a
 * guest would see them through the API; returns how long the import took
 * by the source's own record.
 */
export async function waitForImport(
  backendUrl: string,
  expected: number,
  timeoutMs: number,
): Promise<{ durationMs?: number }> {
  const token = await guestToken(backendUrl);
  const get = async <T>(route: string): Promise<T> => {
    const res = await fetch(`${backendUrl}/api/nodepools${route}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`GET ${route} answered ${res.status}`);
    return (await res.json()) as T;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { items } = await get<SourcesResponse>('/sources');
    const files = items.find(source => source.id === 'files');
    if (files?.lastRunAt) {
      const { totalCount } = await get<PoolPage>('/pools?limit=1');
      if (totalCount !== expected) {
        throw new Error(
          `the import stored ${totalCount} pools, expected ${expected} ` +
            `(source status ${files.status}: ${files.error ?? 'no error'})`,
        );
      }
      return { durationMs: files.durationMs };
    }
    if (Date.now() > deadline) {
      throw new Error(`no import finished within ${timeoutMs / 1000} s`);
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

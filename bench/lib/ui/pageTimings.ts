import type { Page } from 'playwright-core';

/*
 * Timings taken inside the page, so they hold no browser-automation round
 * trip. "Shown" means a pool card has a box on screen, the total reads the
 * expected count, and the frame with them has been produced (a
 * requestAnimationFrame callback followed by a task).
 */

export interface ShownCondition {
  expectedTotal: number;
  timeoutMs: number;
}

/** Signs in as guest when the sign-in page shows, then waits for `readySelector`. */
export async function signInIfAsked(page: Page, readySelector: string): Promise<boolean> {
  const enter = page.getByRole('button', { name: 'Enter' });
  const ready = page.locator(readySelector).first();
  await Promise.race([enter.waitFor({ timeout: 120_000 }), ready.waitFor({ timeout: 120_000 })]);
  if (!(await enter.isVisible())) return false;
  await enter.click();
  await ready.waitFor({ timeout: 120_000 });
  return true;
}

export interface NavigationTiming {
  /** From the click to the pools shown. */
  shownMs: number;
  /** From the click to the last byte of the `GET /pools` answer, if the browser recorded it. */
  poolsAnswerMs?: number;
}

/**
 * Clicks the in-app link to `/nodepools` (client-side routing: no page load)
 * and returns the milliseconds until the pools are shown, and until the API
 * had answered (from the browser's resource timing).
 */
export function timeInAppNavigation(page: Page, condition: ShownCondition): Promise<NavigationTiming> {
  return page.evaluate(
    ({ expectedTotal, timeoutMs }) =>
      new Promise<NavigationTiming>((resolve, reject) => {
        const link = document.querySelector<HTMLAnchorElement>('a[href="/nodepools"]');
        if (!link) {
          reject(new Error('no link to /nodepools on the page'));
          return;
        }
        const shown = () => {
          const card = document.querySelector('[data-testid="pool-card"]');
          const total = document.querySelector('[data-testid="pool-total"]');
          return (
            !!card &&
            card.getBoundingClientRect().height > 0 &&
            total?.getAttribute('data-count') === String(expectedTotal)
          );
        };
        const start = performance.now();
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the pools were not shown within ${timeoutMs} ms`));
        }, timeoutMs);
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() =>
            setTimeout(() => {
              const shownMs = performance.now() - start;
              const answer = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
                .find(e => e.startTime >= start && /\/api\/nodepools\/pools(\?|$)/.test(e.name));
              resolve({ shownMs, poolsAnswerMs: answer ? answer.responseEnd - start : undefined });
            }),
          );
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        link.click();
      }),
    condition,
  );
}

/**
 * Loads `url` in the page (a full page load: HTML, scripts, app start-up)
 * and returns the milliseconds from navigation start until the pools are shown.
 */
export async function timeFullLoad(page: Page, url: string, condition: ShownCondition): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    ({ expectedTotal }) => {
      const card = document.querySelector('[data-testid="pool-card"]');
      const total = document.querySelector('[data-testid="pool-total"]');
      const shown =
        !!card &&
        card.getBoundingClientRect().height > 0 &&
        total?.getAttribute('data-count') === String(expectedTotal);
      return shown ? performance.now() : false;
    },
    condition,
    { polling: 'raf', timeout: condition.timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}

/*
 * UI benchmark: the approval queue with 1,000 submitted pool requests, in a
 * real Chromium. The dev servers run as `npm start` runs them, with a small
 * generated inventory; a second development user (the dev backend's
 * development-users provider) submits the requests through the API, and
 * the guest, an approver of every cluster, opens the queue. Timed 5 times
 * each: a click on the "To approve" tab (app loaded) until the first page
 * (500 rows) and the total are shown, then "Load more" until all 1,000
 * rows are in the table, and a full page load until the first page.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/requestQueue.ts [REQUESTS]
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { requestKindOf, type ClusterSummary } from '@nodepools/plugin-nodepools-common';
import { writeInventory } from './lib/generator';
import { onInterrupt } from './lib/interrupt';
import { loadAverage, machineNote } from './lib/machine';
import { markdownTable } from './lib/markdown';
import { importTestSupport } from './lib/repoModules';
import { formatCount, formatMs, median } from './lib/stats';
import { withTempDir } from './lib/tempDir';
import { startBenchApp, type BenchApp } from './lib/ui/devApp';
import { waitForImport } from './lib/ui/guestApi';
import { signInIfAsked } from './lib/ui/pageTimings';

const REPEATS = 5;
const APP_PORT = 3300;
const BACKEND_PORT = 7307;
const PAGE = 500;
const TARGET_MS = 1000;
const REQUESTER = 'user:default/bench-requester';
const APPROVERS = 'group:default/bench-approvers';

async function devUserToken(backendUrl: string): Promise<string> {
  const res = await fetch(`${backendUrl}/api/auth/nodepools-dev-users/refresh`, {
    headers: { 'x-nodepools-dev-user': REQUESTER },
  });
  if (!res.ok) throw new Error(`the requester could not sign in: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { backstageIdentity: { token: string } }).backstageIdentity.token;
}

/** Submits `count` requests as the requester, a few at a time; returns how long it took. */
async function submitRequests(backendUrl: string, count: number): Promise<number> {
  const token = await devUserToken(backendUrl);
  const call = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${backendUrl}/api/nodepools${route}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  const { items } = (await call('GET', '/clusters')) as { items: ClusterSummary[] };
  const clusters = items.filter(c => c.provider === 'eks');
  if (!clusters.length) throw new Error('the generated inventory has no EKS cluster');
  const start = performance.now();
  const next = { index: 0 };
  const worker = async () => {
    while (next.index < count) {
      const i = next.index++;
      const cluster = clusters[i % clusters.length];
      await call('POST', '/requests', {
        submit: true,
        spec: {
          kind: requestKindOf('eks'),
          cluster: cluster.ref,
          name: `queue-${String(i).padStart(4, '0')}`,
          machineTypes: ['m6i.large'],
          autoscaling: { min: 1, max: 3 },
          owner: 'group:default/team-payments',
          justification: `Benchmark request ${i}`,
        },
      });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return performance.now() - start;
}

/** In the page: ms from `act` until `rows` request rows and the total are on screen, in a produced frame. */
function timeUntilRows(page: Page, act: 'tab' | 'more' | 'none', rows: number, total: number): Promise<number> {
  return page.evaluate(
    ({ act, rows, total }) =>
      new Promise<number>((resolve, reject) => {
        const shown = () =>
          document.querySelectorAll('[data-testid="request-row"]').length === rows &&
          document.querySelector('[data-testid="request-total"]')?.getAttribute('data-count') === String(total);
        const start = performance.now();
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`${rows} rows were not shown within 60 s`));
        }, 60_000);
        const done = () => {
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
        };
        const observer = new MutationObserver(() => shown() && done());
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        if (act === 'tab') {
          const tab = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find(t => t.textContent === 'To approve');
          if (!tab) reject(new Error('no "To approve" tab'));
          tab?.click();
        } else if (act === 'more') {
          document.querySelector<HTMLElement>('[data-testid="request-load-more"]')?.click();
        } else if (shown()) done();
      }),
    { act, rows, total },
  );
}

interface Timings {
  tab: number[];
  all: number[];
  fullLoad: number[];
}

async function timeQueue(app: BenchApp, count: number): Promise<Timings> {
  const { resolveChromium } = await importTestSupport<{
    resolveChromium(): Promise<{ executablePath: string; args: string[] }>;
  }>('chromium.mjs');
  const { executablePath, args } = await resolveChromium();
  const browser: Browser = await chromium.launch({ executablePath, args, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const firstPage = Math.min(PAGE, count);
    const timings: Timings = { tab: [], all: [], fullLoad: [] };
    for (let i = 0; i < REPEATS; i++) {
      await page.goto(`${app.appUrl}/nodepools/requests`);
      await signInIfAsked(page, '[role="tab"]');
      await page.getByText('You have not requested a node pool yet.').waitFor({ timeout: 120_000 });
      timings.tab.push(await timeUntilRows(page, 'tab', firstPage, count));
      if (count > firstPage) timings.all.push(await timeUntilRows(page, 'more', Math.min(2 * PAGE, count), count));
    }
    for (let i = 0; i < REPEATS; i++) {
      const start = Date.now();
      await page.goto(`${app.appUrl}/nodepools/requests/approvals`);
      await page.locator('[data-testid="request-row"]').nth(firstPage - 1).waitFor({ timeout: 60_000 });
      await page.evaluate(() => new Promise(r => requestAnimationFrame(() => setTimeout(r))));
      timings.fullLoad.push(Date.now() - start);
    }
    return timings;
  } finally {
    await browser.close();
  }
}

function verdict(samples: number[]): string {
  if (Math.max(...samples) < TARGET_MS) return 'met (< 1 s, every run)';
  return median(samples) < TARGET_MS ? 'met by the median, not every run' : 'missed (< 1 s)';
}

async function main() {
  const count = Number(process.argv[2] ?? 1000);
  const loadAtStart = loadAverage();
  const { timings, submitMs } = await withTempDir('request-queue', async dir => {
    const inventory = await writeInventory({ dir, clusters: 20 });
    const app = await startBenchApp({
      files: inventory.files,
      dir,
      appPort: APP_PORT,
      backendPort: BACKEND_PORT,
      extraConfig: {
        auth: {
          providers: {
            guest: { ownershipEntityRefs: ['user:development/guest', APPROVERS] },
            'nodepools-dev-users': { users: [{ ref: REQUESTER, groups: ['group:default/bench-team'] }] },
          },
        },
        nodepools: { requests: { approvers: [{ group: APPROVERS }] } },
      },
    });
    const unregister = onInterrupt(() => app.stop());
    try {
      await waitForImport(app.backendUrl, inventory.poolCount, 180_000);
      const submitted = await submitRequests(app.backendUrl, count);
      return { timings: await timeQueue(app, count), submitMs: submitted };
    } finally {
      unregister();
      await app.stop();
    }
  });
  const row = (what: string, samples: number[], target: boolean) => [
    what,
    formatMs(median(samples)),
    formatMs(Math.max(...samples)),
    samples.map(formatMs).join(', '),
    target ? verdict(samples) : '',
  ];
  console.log(`### UI: approval queue of ${formatCount(count)} submitted requests in Chromium (${REPEATS} runs)\n`);
  console.log(
    markdownTable(
      ['Measured', 'Median', 'Max', 'Runs', 'Target'],
      [
        row(`click on "To approve" (app loaded) until the first ${PAGE} rows and the total are shown`, timings.tab, true),
        ...(timings.all.length ? [row(`"Load more" until all ${formatCount(Math.min(2 * PAGE, count))} rows are shown`, timings.all, true)] : []),
        row('full page load of /nodepools/requests/approvals (dev server bundle, cached) until the first page', timings.fullLoad, false),
      ],
    ),
  );
  console.log(`\nSubmitting the ${formatCount(count)} requests through the API (4 at a time, each checked against the policies) took ${formatMs(submitMs)}.`);
  console.log(`\n${machineNote(loadAtStart)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

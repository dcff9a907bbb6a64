/*
 * UI benchmark: the first render of 10,000 pools in a real Chromium. The dev
 * servers run as `npm start` runs them, with the file source pointed at a
 * generated inventory; the page is timed from the click on its link (the
 * app already loaded) and from a full page load, 5 times each.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/ui.ts [CLUSTERS]
 */
import { promises as fs } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { writeInventory } from './lib/generator';
import { onInterrupt } from './lib/interrupt';
import { loadAverage, machineNote } from './lib/machine';
import { markdownTable } from './lib/markdown';
import { importTestSupport } from './lib/repoModules';
import { formatCount, formatMs, median } from './lib/stats';
import { withTempDir } from './lib/tempDir';
import { startBenchApp, type BenchApp } from './lib/ui/devApp';
import { waitForImport } from './lib/ui/guestApi';
import {
  signInIfAsked,
  timeFullLoad,
  timeInAppNavigation,
  type NavigationTiming,
} from './lib/ui/pageTimings';

const REPEATS = 5;
const APP_PORT = 3300;
const BACKEND_PORT = 7307;
const IMPORT_TIMEOUT_MS = 180_000;
const RENDER_TIMEOUT_MS = 60_000;
const TARGET_MS = 1000;

interface Timings {
  inApp: NavigationTiming[];
  fullLoad: number[];
}

async function launchChromium(): Promise<Browser> {
  const { resolveChromium } = await importTestSupport<{
    resolveChromium(): Promise<{ executablePath: string; args: string[] }>;
  }>('chromium.mjs');
  const { executablePath, args } = await resolveChromium();
  return chromium.launch({ executablePath, args, headless: true });
}

async function timeRenders(app: BenchApp, expectedTotal: number): Promise<Timings> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const condition = { expectedTotal, timeoutMs: RENDER_TIMEOUT_MS };
    // Start on another page of the app, signed in, with the app's code loaded.
    await page.goto(`${app.appUrl}/nodepools/sources`);
    await signInIfAsked(page, 'a[href="/nodepools"]');
    const inApp: NavigationTiming[] = [];
    for (let i = 0; i < REPEATS; i++) {
      inApp.push(await timeInAppNavigation(page, condition));
      await page.locator('a[href="/nodepools/sources"]').first().click();
      await page.waitForURL('**/nodepools/sources');
      await page.locator('[data-testid="pool-card"]').first().waitFor({ state: 'detached' });
    }
    const fullLoad: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      fullLoad.push(await timeFullLoad(page, `${app.appUrl}/nodepools`, condition));
    }
    await context.close();
    return { inApp, fullLoad };
  } finally {
    await browser.close();
  }
}

function verdict(samples: number[]): string {
  if (Math.max(...samples) < TARGET_MS) return 'met (< 1 s, every run)';
  return median(samples) < TARGET_MS ? 'met by the median, not every run' : 'missed (< 1 s)';
}

async function tail(file: string, lines: number): Promise<string> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

async function main() {
  const clusters = Number(process.argv[2] ?? 2000);
  const loadAtStart = loadAverage();
  const { timings, poolCount, importMs } = await withTempDir('ui', async dir => {
    const inventory = await writeInventory({ dir, clusters });
    const app = await startBenchApp({
      files: inventory.files,
      dir,
      appPort: APP_PORT,
      backendPort: BACKEND_PORT,
    });
    const unregister = onInterrupt(() => app.stop());
    try {
      const imported = await waitForImport(app.backendUrl, inventory.poolCount, IMPORT_TIMEOUT_MS);
      return {
        timings: await timeRenders(app, inventory.poolCount),
        poolCount: inventory.poolCount,
        importMs: imported.durationMs,
      };
    } catch (error) {
      console.error(`dev servers' log (last lines):\n${await tail(app.logFile, 40)}`);
      throw error;
    } finally {
      unregister();
      await app.stop();
    }
  });
  const answers = timings.inApp.flatMap(t => (t.poolsAnswerMs === undefined ? [] : [t.poolsAnswerMs]));
  const row = (what: string, samples: number[], target: boolean) => [
    what,
    formatMs(median(samples)),
    formatMs(Math.max(...samples)),
    samples.map(formatMs).join(', '),
    target ? verdict(samples) : '',
  ];
  console.log(`### UI: first render of ${formatCount(poolCount)} pools in Chromium (${REPEATS} runs)\n`);
  console.log(
    markdownTable(
      ['Measured', 'Median', 'Max', 'Runs', 'Target'],
      [
        row(
          'click on "Node pools" (app loaded) until the first card and the total of 10,000 are shown',
          timings.inApp.map(t => t.shownMs),
          true,
        ),
        ...(answers.length
          ? [row('of which: click until the last byte of the `GET /pools` answer', answers, false)]
          : []),
        row(
          'full page load of /nodepools (dev server bundle, cached) until the same',
          timings.fullLoad,
          false,
        ),
      ],
    ),
  );
  if (importMs !== undefined) {
    console.log(
      `\nThe dev backend's start-up import of the ${formatCount(poolCount)} pools ` +
        `(in-memory SQLite) took ${formatMs(importMs)}.`,
    );
  }
  console.log(`\n${machineNote(loadAtStart)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

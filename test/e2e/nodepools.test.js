// The app as a user meets it after `npm start`: the real backend on the
// bundled sample inventory and the real frontend, in a real Chromium.
const path = require('node:path');
const { chromium } = require('playwright-core');

const APP = process.env.E2E_APP_URL;
const BACKEND = process.env.E2E_BACKEND_URL;
const ARTIFACTS = process.env.E2E_ARTIFACTS;
const SAMPLE_POOLS = 63;

let browser;
let page;

async function signInAndOpen(url) {
  await page.goto(url);
  const enter = page.getByRole('button', { name: 'Enter' });
  const card = page.getByTestId('pool-card').first();
  // A fresh browser lands on the sign-in page; the guest provider lets us in.
  await Promise.race([enter.waitFor({ timeout: 60_000 }), card.waitFor({ timeout: 60_000 })]);
  if (await enter.isVisible()) await enter.click();
}

async function shot(name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  const { executablePath, args } = JSON.parse(process.env.E2E_CHROMIUM);
  browser = await chromium.launch({ executablePath, args, headless: true });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', error => console.error(`page error: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
});

test('the backend imported every pool of the sample inventory', async () => {
  const refresh = await fetch(`${BACKEND}/api/auth/guest/refresh`);
  const token = (await refresh.json()).backstageIdentity.token;
  const get = async route =>
    (await fetch(`${BACKEND}/api/nodepools${route}`, { headers: { Authorization: `Bearer ${token}` } })).json();
  // The first sync runs a second after start-up.
  const deadline = Date.now() + 60_000;
  let files;
  while (!files?.lastRunAt && Date.now() < deadline) {
    files = (await get('/sources')).items.find(s => s.id === 'files');
    if (!files?.lastRunAt) await new Promise(r => setTimeout(r, 250));
  }
  expect(files).toMatchObject({ status: 'ok', poolCount: SAMPLE_POOLS, issues: [] });
  expect((await get('/pools?limit=1')).totalCount).toBe(SAMPLE_POOLS);
});

test('the pools page shows cards of every cloud with their fields', async () => {
  await signInAndOpen(`${APP}/nodepools`);
  await page.getByTestId('pool-card').first().waitFor();
  await expect(page.getByTestId('pool-total').textContent()).resolves.toContain(`${SAMPLE_POOLS} pools`);
  const refs = await page.getByTestId('pool-card').evaluateAll(cards => cards.map(c => c.getAttribute('data-ref')));
  expect(refs.length).toBeGreaterThanOrEqual(50);
  const providers = new Set(refs.map(ref => ref.split('/')[0]));
  expect([...providers].sort()).toEqual(['aks', 'doks', 'eks', 'gke', 'karpenter']);
  // Every card shows its mode, capacity type, machine types and node count.
  const first = page.getByTestId('pool-card').first();
  for (const id of ['pool-mode', 'pool-capacity', 'pool-machine-types', 'node-count']) {
    await expect(first.getByTestId(id).count()).resolves.toBe(1);
  }
  await expect(page.getByTestId('taint').count()).resolves.toBeGreaterThan(0);
  await shot('pools');
});

test('a filter narrows the cards and lives in the URL', async () => {
  await page.getByLabel('Cloud').click();
  await page.getByRole('option', { name: 'AKS' }).click();
  await page.waitForURL(/provider=aks/);
  await page.waitForFunction(() => {
    const cards = [...document.querySelectorAll('[data-testid="pool-card"]')];
    return cards.length > 0 && cards.every(c => c.getAttribute('data-ref').startsWith('aks/'));
  });
  const total = await page.getByTestId('pool-total').getAttribute('data-count');
  expect(Number(total)).toBe(15);
  await shot('pools-filtered-aks');

  // The same URL opened afresh shows the same view.
  const url = page.url();
  await page.goto(url);
  await page.getByTestId('pool-card').first().waitFor();
  await expect(page.getByTestId('pool-total').getAttribute('data-count')).resolves.toBe(total);
});

test('a pool page shows its fields, raw record and history', async () => {
  await page.goto(`${APP}/nodepools?provider=aks&q=spot`);
  const card = page.getByTestId('pool-card').first();
  await card.waitFor();
  const ref = await card.getAttribute('data-ref');
  await card.getByRole('link').first().click();
  await page.getByRole('table', { name: 'Pool fields' }).waitFor();
  expect(decodeURIComponent(page.url())).toContain(ref);
  // The raw record is the provider's own: AKS names its Spot setting scaleSetPriority.
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="pool-raw"]')?.textContent?.includes('scaleSetPriority'),
  );
  await expect(page.getByText('created').first().isVisible()).resolves.toBe(true);
  await shot('pool-page');
});

test('the sources page shows the file source', async () => {
  await page.goto(`${APP}/nodepools/sources`);
  await page.getByRole('button', { name: 'Sync files now' }).waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Sync files now' }) });
  await expect(row.textContent()).resolves.toContain(`${SAMPLE_POOLS}`);
  await shot('sources');
});

test('the triage page explains the sample cluster pending pods, pool by pool', async () => {
  await page.goto(`${APP}/nodepools/triage?cluster=payments-prod`);
  await page.getByTestId('triage-matrix').first().waitFor({ timeout: 60_000 });
  const pods = await page.getByTestId('triage-pod').count();
  expect(pods).toBeGreaterThan(0);
  // Every matrix colours its cells: some pool blocks, and the fix is spelled out.
  await expect(page.locator('[data-testid="triage-matrix"] [data-status="blocker"]').count()).resolves.toBeGreaterThan(0);
  const fixes = await page.getByTestId('triage-fix').evaluateAll(nodes => nodes.map(n => n.getAttribute('data-kind')));
  expect(fixes).toEqual(expect.arrayContaining(['add-toleration', 'wait-for-scale-up', 'raise-max', 'new-pool']));
  // A pod the scheduler placed but the CNI gave no IP is told apart from scheduling failures.
  await expect(page.locator('[data-testid="triage-pod"][data-state="ip-exhaustion"]').count()).resolves.toBe(1);
  await shot('triage');
});

test('pool cards count the pending pods a scale-up would place there', async () => {
  await page.goto(`${APP}/nodepools?cluster=payments-prod`);
  await page.getByTestId('pool-pending-fit').first().waitFor({ timeout: 30_000 });
  await expect(page.getByTestId('pool-pending-fit').first().textContent()).resolves.toMatch(/pending pods? would fit/);
  await shot('pools-pending-fit');
});

test('pasted kubectl JSON is analyzed, and a bad file is named', async () => {
  const fs = require('node:fs');
  const sample = path.resolve(__dirname, '../../sample-inventory/triage/payments-prod');
  await page.goto(`${APP}/nodepools/triage/analyze`);
  const form = page.getByRole('form', { name: 'Analyze kubectl JSON' });
  await form.waitFor();
  const inputs = form.locator('input[type="file"]');
  await inputs.nth(0).setInputFiles(path.join(sample, 'pods.json'));
  await inputs.nth(1).setInputFiles({ name: 'nodes.json', mimeType: 'application/json', buffer: Buffer.from('{"items": [') });
  await form.getByRole('button', { name: /analy[sz]e/i }).click();
  await expect(page.getByText(/nodes\.json/).first().isVisible()).resolves.toBe(true);
  await shot('triage-analyze-error');

  await inputs.nth(1).setInputFiles({
    name: 'nodes.json',
    mimeType: 'application/json',
    buffer: fs.readFileSync(path.join(sample, 'nodes.json')),
  });
  await form.getByRole('button', { name: /analy[sz]e/i }).click();
  await page.getByTestId('triage-matrix').first().waitFor({ timeout: 60_000 });
  await shot('triage-analyze');
});

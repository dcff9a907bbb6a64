// The app as a user meets it after `npm start`: the real backend on the
// bundled sample inventory and the real frontend, in a real Chromium.
const fs = require('node:fs');
const path = require('node:path');
const { api, launch, open, shot, step } = require('./session');

const SAMPLE_POOLS = 63;
const SAMPLE_TRIAGE = path.resolve(__dirname, '../../sample-inventory/triage/payments-prod');

let browser;
let page;
const currentPage = () => page;

beforeAll(async () => {
  ({ browser, page } = await launch());
});

afterAll(async () => {
  await browser?.close();
});

const cards = () => page.getByTestId('pool-card');

step('the backend imported every pool of the sample inventory', currentPage, async () => {
  const get = async route => (await api(route)).json();
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

step('the pools page shows cards of every cloud with their fields', currentPage, async () => {
  await open(page, '/nodepools', cards());
  await expect(page.getByTestId('pool-total').textContent()).resolves.toContain(`${SAMPLE_POOLS} pools`);
  const refs = await cards().evaluateAll(all => all.map(c => c.getAttribute('data-ref')));
  expect(refs.length).toBeGreaterThanOrEqual(50);
  const providers = new Set(refs.map(ref => ref.split('/')[0]));
  expect([...providers].sort()).toEqual(['aks', 'doks', 'eks', 'gke', 'karpenter']);
  // Every card shows its mode, capacity type, machine types and node count.
  const first = cards().first();
  for (const id of ['pool-mode', 'pool-capacity', 'pool-machine-types', 'node-count']) {
    await expect(first.getByTestId(id).count()).resolves.toBe(1);
  }
  await expect(page.getByTestId('taint').count()).resolves.toBeGreaterThan(0);
  await shot(page, 'pools');
});

step('a filter narrows the cards and lives in the URL', currentPage, async () => {
  await page.getByLabel('Cloud').click();
  await page.getByRole('option', { name: 'AKS' }).click();
  await page.waitForURL(/provider=aks/);
  await page.waitForFunction(() => {
    const all = [...document.querySelectorAll('[data-testid="pool-card"]')];
    return all.length > 0 && all.every(c => c.getAttribute('data-ref').startsWith('aks/'));
  });
  const total = await page.getByTestId('pool-total').getAttribute('data-count');
  expect(Number(total)).toBe(15);
  await shot(page, 'pools-filtered-aks');

  // The same URL opened afresh shows the same view.
  await open(page, page.url(), cards());
  await expect(page.getByTestId('pool-total').getAttribute('data-count')).resolves.toBe(total);
  // The Cloud picker shows the filter as a chip.
  await expect(page.getByRole('button', { name: 'AKS', exact: true }).count()).resolves.toBe(1);
});

step('a pool page shows its fields, raw record and history', currentPage, async () => {
  await open(page, '/nodepools?provider=aks&q=spot', cards());
  const card = cards().first();
  const ref = await card.getAttribute('data-ref');
  await card.getByRole('link').first().click();
  const fields = page.getByRole('table', { name: 'Pool fields' });
  await fields.waitFor();
  expect(decodeURIComponent(page.url())).toContain(ref);
  // A Spot pool shows the taint AKS adds to every Spot pool.
  await expect(fields.textContent()).resolves.toContain('kubernetes.azure.com/scalesetpriority=spot:NoSchedule');
  // The raw record is the provider's own: AKS names its Spot setting scaleSetPriority.
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="pool-raw"]')?.textContent?.includes('scaleSetPriority'),
  );
  // The history is fetched after the pool: its first entry is waited for, not looked up once.
  const created = page.getByText('created').first();
  await created.waitFor({ state: 'visible' });
  await expect(created.isVisible()).resolves.toBe(true);
  await shot(page, 'pool-page');
});

step('cards of the sample cluster show what its nodes report', currentPage, async () => {
  // The saved payments-prod snapshot rolls its nodes up onto the cluster's pools.
  await open(page, '/nodepools?cluster=payments-prod', page.getByTestId('observed-nodes'));
  const observed = await page.getByTestId('observed-nodes').allTextContents();
  expect(observed.length).toBeGreaterThan(0);
  for (const text of observed) expect(text).toMatch(/cluster sees \d+/i);
  await shot(page, 'pools-observed');
});

step('the sources page shows the file source', currentPage, async () => {
  await page.setViewportSize({ width: 1500, height: 1000 });
  await open(page, '/nodepools/sources', page.getByRole('button', { name: 'Sync files now' }));
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Sync files now' }) });
  await expect(row.textContent()).resolves.toContain(`${SAMPLE_POOLS}`);
  // The button keeps its words on one line.
  const button = await page.getByRole('button', { name: 'Sync files now' }).boundingBox();
  expect(button.height).toBeLessThan(48);
  await shot(page, 'sources');
  await page.setViewportSize({ width: 1400, height: 1000 });
});

step('the triage page explains the sample cluster pending pods, pool by pool', currentPage, async () => {
  await open(page, '/nodepools/triage?cluster=payments-prod', page.getByTestId('triage-matrix'));
  // 19 pods wait for a node and one was placed but got no IP address.
  await expect(page.getByTestId('triage-count-pending').getAttribute('data-count')).resolves.toBe('20');
  // The invoice workers select the async-workers pool, which is spot-tainted:
  // the fix names the toleration and the pool that then takes them.
  const invoices = page.getByTestId('triage-group').filter({ hasText: 'invoice-worker' });
  const fix = invoices.getByTestId('triage-fix');
  await expect(fix.getAttribute('data-kind')).resolves.toBe('add-toleration');
  await expect(fix.textContent()).resolves.toContain('spot=true:NoSchedule');
  await expect(fix.textContent()).resolves.toContain('workers-spot');
  // The scheduler's own words are shown next to the verdicts.
  await expect(invoices.textContent()).resolves.toContain('0/36 nodes are available');
  const fixes = await page.getByTestId('triage-fix').evaluateAll(nodes => nodes.map(n => n.getAttribute('data-kind')));
  expect(fixes).toEqual(expect.arrayContaining(['add-toleration', 'wait-for-scale-up', 'raise-max', 'new-pool']));
  // A pod the scheduler placed but the CNI gave no IP is told apart from scheduling failures.
  await expect(page.locator('[data-testid="triage-pod"][data-state="ip-exhaustion"]').count()).resolves.toBe(1);
  await shot(page, 'triage');
});

step('pool cards count the pending pods a scale-up would place there', currentPage, async () => {
  await open(page, '/nodepools?cluster=payments-prod', page.getByTestId('pool-pending-fit'));
  const batch = cards().filter({ hasText: 'batch-arm-spot' });
  await expect(batch.getByTestId('pool-pending-fit').textContent()).resolves.toMatch(/\d+ pending pods? would fit/);
  await shot(page, 'pools-pending-fit');
});

step('pasted kubectl JSON is analyzed, and a bad file is named', currentPage, async () => {
  const form = page.getByRole('form', { name: 'Analyze kubectl JSON' });
  await open(page, '/nodepools/triage/analyze', form);
  const inputs = form.locator('input[type="file"]');
  const analyze = () => form.getByRole('button', { name: /analy[sz]e/i }).click();
  await inputs.nth(0).setInputFiles(path.join(SAMPLE_TRIAGE, 'pods.json'));

  // A truncated file: the message names the file the user chose and the input.
  await inputs.nth(1).setInputFiles({ name: 'cluster-b-nodes.json', mimeType: 'application/json', buffer: Buffer.from('{"items": [') });
  await analyze();
  const alert = form.getByRole('alert').filter({ hasText: 'cluster-b-nodes.json' });
  await expect(alert.textContent()).resolves.toMatch(/cluster-b-nodes\.json \(chosen for nodes\.json\) is not valid JSON/);
  await shot(page, 'triage-analyze-error');

  // A node whose allocatable cpu cannot be read is left out, and the report says which and why.
  const nodes = JSON.parse(fs.readFileSync(path.join(SAMPLE_TRIAGE, 'nodes.json'), 'utf8'));
  nodes.items[0].status.allocatable.cpu = 'lots';
  await inputs.nth(1).setInputFiles({ name: 'nodes.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(nodes)) });
  await analyze();
  await page.getByTestId('triage-matrix').first().waitFor({ timeout: 60_000 });
  await expect(page.getByTestId('triage-count-skipped').getAttribute('data-count')).resolves.toBe('1');
  const skipped = page.getByTestId('triage-skipped');
  await expect(skipped.textContent()).resolves.toContain(nodes.items[0].metadata.name);
  await expect(skipped.textContent()).resolves.toContain('status.allocatable.cpu');
  await shot(page, 'triage-analyze');
});

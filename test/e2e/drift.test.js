// Drift as a user meets it: the sample state declares the sample pools; a
// field changed in the state shows as a finding on the pool page, which is
// acknowledged and then stays, quiet.
const fs = require('node:fs');
const path = require('node:path');
const { APP, BACKEND, ARTIFACTS, launch, shot } = require('./session');

const STATE = path.join(ARTIFACTS, 'desired/payments-prod.tfstate');
const LEDGER = 'eks/111122223333/us-east-1/payments-prod/ledger';

let browser;
let page;
let token;

async function api(route, init = {}) {
  const response = await fetch(`${BACKEND}/api/nodepools${route}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...init.headers },
  });
  return response.json();
}

async function until(what, check, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  const refresh = await fetch(`${BACKEND}/api/auth/guest/refresh`);
  token = (await refresh.json()).backstageIdentity.token;
  ({ browser, page } = await launch());
});

afterAll(async () => {
  await browser?.close();
});

test('the sample state and eksctl config show drift out of the box', async () => {
  const found = await until('the first comparison', async () => {
    const drift = await api('/drift?limit=100');
    return drift.totalCount >= 5 && drift;
  });
  const causes = new Set(found.items.map(f => f.cause));
  expect([...causes]).toEqual(expect.arrayContaining(['declared-not-found', 'changed', 'not-in-iac']));
  const sources = await api('/drift/sources');
  expect(sources.items.map(s => [s.location, s.pools, s.error ?? null])).toEqual(
    expect.arrayContaining([['test/artifacts/desired/payments-prod.tfstate', 10, null]]),
  );
});

test('a field changed in the state file is a finding on the pool page; acknowledged, it stays quiet', async () => {
  const state = JSON.parse(fs.readFileSync(STATE, 'utf8'));
  const ledger = state.resources[1].instances.find(i => i.index_key === 'ledger');
  ledger.attributes.instance_types = ['r6i.8xlarge'];
  state.serial += 1;
  fs.writeFileSync(STATE, JSON.stringify(state, null, 2));

  await until('the finding of the changed state', async () => {
    const drift = await api(`/pools/${encodeURIComponent(LEDGER)}/drift`);
    return drift.items?.some(f => f.field === 'machineTypes');
  });

  await page.goto(`${APP}/nodepools/pools/${encodeURIComponent(LEDGER)}?tab=drift`);
  const enter = page.getByRole('button', { name: 'Enter' });
  const finding = page.locator('[data-testid="drift-finding"][data-cause="changed"]');
  await Promise.race([enter.waitFor({ timeout: 60_000 }), finding.first().waitFor({ timeout: 60_000 })]);
  if (await enter.isVisible()) await enter.click();
  await finding.first().waitFor({ timeout: 60_000 });
  await expect(finding.first().getAttribute('data-state')).resolves.toBe('open');
  await expect(finding.first().getByTestId('drift-desired').textContent()).resolves.toContain('r6i.8xlarge');
  await expect(finding.first().getByTestId('drift-actual').textContent()).resolves.toContain('r6i.4xlarge');
  await expect(finding.first().getByTestId('drift-origin').textContent()).resolves.toContain('module.eks.aws_eks_node_group.this["ledger"]');
  await shot(page, 'drift-pool-tab');

  await finding.first().getByRole('button', { name: 'Acknowledge' }).click();
  const dialog = page.getByRole('dialog', { name: 'Acknowledge drift' });
  await dialog.getByLabel(/Reason/).fill('ledger moves to r6i.8xlarge in the next change window');
  await dialog.getByRole('button', { name: 'Acknowledge' }).click();
  await page.locator('[data-testid="drift-finding"][data-cause="changed"][data-state="acknowledged"]').waitFor();
  await expect(page.getByTestId('drift-acknowledgement').first().textContent()).resolves.toContain(
    'ledger moves to r6i.8xlarge in the next change window',
  );
  await shot(page, 'drift-acknowledged');

  const acknowledged = await api('/drift?state=acknowledged');
  expect(acknowledged.items.map(f => [f.ref, f.field, f.acknowledgement.by])).toEqual([[LEDGER, 'machineTypes', 'user:development/guest']]);
});

test('the drift page groups the findings and links them to their pools', async () => {
  await page.goto(`${APP}/nodepools/drift`);
  await page.getByTestId('drift-summary').waitFor({ timeout: 60_000 });
  await expect(page.getByTestId('drift-summary').textContent()).resolves.toMatch(/\d+ open, 1 acknowledged/);
  await page.getByRole('table', { name: 'Drift by Cause' }).waitFor();
  await page.getByTestId('drift-over-time').waitFor();
  await shot(page, 'drift-page');
});

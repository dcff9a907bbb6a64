// Permissions as a user meets them: the dev backend runs the permission
// backend with a policy switched through a file, the app asks it what to
// show, and the API refuses what the policy denies.
const fs = require('node:fs');
const { APP, BACKEND, launch, shot } = require('./session');

const POLICY_FILE = process.env.NODEPOOLS_DEV_POLICY_FILE;

let browser;
let page;
let token;

/** allow | viewer | owner | deny, read by the backend on every decision. */
function usePolicy(mode) {
  fs.writeFileSync(POLICY_FILE, mode);
}

async function api(method, route) {
  const res = await fetch(`${BACKEND}/api/nodepools${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: await res.json() };
}

async function open(url) {
  await page.goto(url);
  const enter = page.getByRole('button', { name: 'Enter' });
  const header = page.locator('header').first();
  await Promise.race([enter.waitFor({ timeout: 60_000 }), header.waitFor({ timeout: 60_000 })]);
  if (await enter.isVisible()) await enter.click();
}

beforeAll(async () => {
  ({ browser, page } = await launch());
  const refresh = await fetch(`${BACKEND}/api/auth/guest/refresh`);
  token = (await refresh.json()).backstageIdentity.token;
  // The first sync runs a second after start-up.
  const deadline = Date.now() + 60_000;
  usePolicy('allow');
  while (Date.now() < deadline) {
    const { body } = await api('GET', '/pools?limit=1');
    if (body.totalCount > 0) break;
    await new Promise(r => setTimeout(r, 250));
  }
});

afterAll(async () => {
  usePolicy('allow');
  await browser?.close();
});

test('a user allowed to sync sees the Sync buttons', async () => {
  usePolicy('allow');
  await open(`${APP}/nodepools/sources`);
  await page.getByRole('button', { name: 'Sync files now' }).waitFor();
});

test('a user denied syncs sees no Sync button and gets 403 from the API', async () => {
  usePolicy('viewer');
  await open(`${APP}/nodepools/sources`);
  await page.getByRole('cell', { name: 'files', exact: true }).waitFor();
  await expect(page.getByRole('button', { name: /^Sync .* now$/ }).count()).resolves.toBe(0);
  await shot(page, 'permissions-sources-viewer');

  const sync = await api('POST', '/sources/files/sync');
  expect(sync.status).toBe(403);
  expect(sync.body.error).toMatchObject({
    name: 'NotAllowedError',
    message: 'You are not allowed to run source syncs (permission nodepool.source.sync)',
  });
});

test('a viewer reads a pool but not its provider record, and may not analyze kubectl output', async () => {
  usePolicy('viewer');
  const { body } = await api('GET', '/pools?limit=1&provider=aks');
  const ref = body.items[0].ref;
  const pool = await api('GET', `/pools/${encodeURIComponent(ref)}`);
  expect(pool.status).toBe(200);
  expect(pool.body).not.toHaveProperty('raw');

  await open(`${APP}/nodepools/pools/${encodeURIComponent(ref)}`);
  await page.getByRole('table', { name: 'Pool fields' }).waitFor();
  await page.getByText(/You are not allowed to see the provider record of this pool/).waitFor();
  await expect(page.getByTestId('pool-raw').count()).resolves.toBe(0);
  await shot(page, 'permissions-pool-viewer');

  await open(`${APP}/nodepools/triage/analyze`);
  await page.getByText(/You are not allowed to analyze kubectl output/).waitFor();
  await expect(page.getByRole('form', { name: 'Analyze kubectl JSON' }).count()).resolves.toBe(0);
});

test('a team member sees only the pools of the groups they are in', async () => {
  usePolicy('allow');
  const all = await api('GET', '/pools?limit=500');
  const payments = all.body.items.filter(p => p.owner === 'group:default/team-payments');
  expect(payments.length).toBeGreaterThan(0);
  expect(payments.length).toBeLessThan(all.body.totalCount);

  usePolicy('owner');
  const mine = await api('GET', '/pools?limit=500');
  expect(mine.body.totalCount).toBe(payments.length);
  expect(mine.body.items.map(p => p.ref).sort()).toEqual(payments.map(p => p.ref).sort());

  await open(`${APP}/nodepools`);
  await page.getByTestId('pool-card').first().waitFor();
  await expect(page.getByTestId('pool-total').getAttribute('data-count')).resolves.toBe(String(payments.length));
  await shot(page, 'permissions-pools-owner');
});

test('a user denied reading pools is told so', async () => {
  usePolicy('deny');
  const pools = await api('GET', '/pools');
  expect(pools.status).toBe(403);
  await open(`${APP}/nodepools`);
  await page.getByText('Warning: Not allowed').waitFor();
  const message = page.getByText('You are not allowed to read node pools (permission nodepool.read)');
  await message.filter({ visible: true }).first().waitFor();
  await shot(page, 'permissions-pools-denied');
});

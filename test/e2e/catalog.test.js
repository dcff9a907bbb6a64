// The nodepools cards on catalog entities: the dev backend runs the catalog
// with a few teams and a component (plugins/nodepools-backend/dev), the dev
// app shows a catalog entity with the card its kind gets.
const fs = require('node:fs');
const { BACKEND, api, launch, open, shot, step } = require('./session');

const POLICY_FILE = process.env.NODEPOOLS_DEV_POLICY_FILE;
const WAIT_MS = 90_000;

let browser;
let page;
const currentPage = () => page;

const rows = () => page.getByTestId('entity-pool-row');
const rowRefs = () => rows().evaluateAll(all => all.map(row => row.getAttribute('data-ref')));

/** Waits until `read` returns something truthy (the dev servers load the sample data after start-up). */
async function eventually(read, what) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${WAIT_MS / 1000} s`);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

/** The refs of the live pools these groups own, as the API lists them. */
async function ownedRefs(groups) {
  const query = new URLSearchParams({ limit: '500' });
  for (const group of groups) query.append('owner', `group:default/${group}`);
  const body = await (await api(`/pools?${query}`)).json();
  return body.items.map(pool => pool.ref).sort();
}

async function catalogHas(path) {
  const refresh = await fetch(`${BACKEND}/api/auth/guest/refresh`);
  const { token } = (await refresh.json()).backstageIdentity;
  const res = await fetch(`${BACKEND}/api/catalog/entities/by-name/${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return res.status === 200;
}

beforeAll(async () => {
  // Whatever another file left: every permission granted.
  fs.writeFileSync(POLICY_FILE, 'allow');
  ({ browser, page } = await launch());
});

afterAll(async () => {
  await browser?.close();
});

step('a group page shows the pools the group owns, and its child groups\' when switched', currentPage, async () => {
  await eventually(() => catalogHas('group/default/team-payments'), 'the catalog reading its entities');
  const own = await eventually(async () => {
    const refs = await ownedRefs(['team-payments']);
    return refs.length ? refs : undefined;
  }, 'the first sync of the sample inventory');

  await open(page, '/catalog/default/group/team-payments', rows());
  await page.getByText('Pools this group owns').waitFor();
  expect((await rowRefs()).sort()).toEqual(own);
  // Each row names its nodes and cluster; the card links to the pool list of the group.
  await expect(rows().first().textContent()).resolves.toMatch(/node/);
  const listLink = page.getByRole('link', { name: /Open in Node pools|View all/ });
  await expect(listLink.getAttribute('href')).resolves.toContain('owner=group%3Adefault%2Fteam-payments');

  const withChildren = await ownedRefs(['team-payments', 'team-ledger', 'team-risk']);
  expect(withChildren.length).toBeGreaterThan(own.length);
  await page.getByRole('checkbox', { name: 'Include child groups' }).check();
  await page.getByText('Pools this group and its child groups own').waitFor();
  await page.waitForFunction(
    count => document.querySelectorAll('[data-testid="entity-pool-row"]').length === count,
    withChildren.length,
  );
  expect((await rowRefs()).sort()).toEqual(withChildren);
  await expect(page.getByRole('columnheader', { name: 'Owner' }).count()).resolves.toBe(1);
  await shot(page, 'catalog-group');
});

step("a component's card shows the pools its pods run on", currentPage, async () => {
  await eventually(() => catalogHas('component/default/notification-worker'), 'the catalog reading its entities');
  // The saved snapshot of payments-prod is read a few seconds after start-up.
  const expected = await eventually(async () => {
    const body = await (
      await api('/workloads/pools?labelSelector=app%3Dnotification-worker&namespace=async')
    ).json();
    return body.items?.length ? body.items : undefined;
  }, 'the roll-up of the saved snapshot');

  await open(page, '/catalog/default/component/notification-worker', rows());
  await page.getByText('Pools its pods run on').waitFor();
  expect(await rowRefs()).toEqual(expected.map(item => item.pool.ref));
  const first = rows().first();
  await expect(first.getByTestId('workload-pods').textContent()).resolves.toBe(
    `${expected[0].pods} pods`,
  );
  await expect(first.textContent()).resolves.toContain('workers-spot');
  await expect(first.textContent()).resolves.toContain(`async (${expected[0].pods})`);
  await shot(page, 'catalog-component');
});

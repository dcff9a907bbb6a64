// Governance as a user meets it: the sample inventory's pool without owner
// is a finding on the governance page, the guest's group confirms one of its
// pools in its review, and an export downloads with the guest's token.
const fs = require('node:fs');
const { launch, open, shot, step, api } = require('./session');

// `legacy-al2` in eks-payments-prod.json carries neither an owner nor a team tag or label.
const LEGACY = 'eks/111122223333/us-east-1/payments-prod/legacy-al2';
// The guest's group (auth.providers.guest.ownershipEntityRefs in app-config.e2e.yaml).
const TEAM = 'group:default/team-payments';
const REVIEW_URL = `/nodepools/owners/${encodeURIComponent(TEAM)}/review`;

let browser;
let page;
let reviewed;

async function json(route) {
  const res = await api(route);
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function until(what, check, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  ({ browser, page } = await launch());
  // Other files switch the permission policy; this one runs as an allowed user.
  fs.writeFileSync(process.env.NODEPOOLS_DEV_POLICY_FILE, 'allow');
  // The first evaluation follows the first sync of the sample inventory.
  await until('the no-owner finding of the sample pool', async () => {
    const findings = await json(`/findings?rule=no-owner&pool=${encodeURIComponent(LEGACY)}`);
    return findings.totalCount === 1;
  });
});

afterAll(async () => {
  await browser?.close();
});

step('the governance page lists the sample pool without owner as a finding', () => page, async () => {
  const row = page.locator(`[data-testid="governance-finding"][data-subject="${LEGACY}"]`);
  await open(page, '/nodepools/governance?rule=no-owner', row);
  const text = await row.first().textContent();
  expect(text).toContain('No owner');
  expect(text).toContain(LEGACY);
  expect(await row.first().getAttribute('data-rule')).toBe('no-owner');
  // The pool is linked to its page.
  const link = row.first().getByRole('link', { name: LEGACY });
  expect(await link.getAttribute('href')).toBe(`/nodepools/pools/${encodeURIComponent(LEGACY)}`);
  expect(await page.getByTestId('governance-summary').textContent()).toMatch(/^\d+ open findings?, \d+ acknowledged/);
  await shot(page, 'governance-findings');
});

step("the guest's group confirms one of its pools in its review", () => page, async () => {
  const review = await json(`/owners/${encodeURIComponent(TEAM)}/review`);
  reviewed = review.pools.find(p => p.confirmationDue) ?? review.pools[0];
  expect(reviewed).toBeDefined();

  const row = page.locator(`[data-testid="review-pool"][data-ref="${reviewed.ref}"]`);
  await open(page, REVIEW_URL, row);
  expect(await page.getByTestId('review-summary').textContent()).toMatch(/^\d+ pools?, \$[\d,.]+\/month of which \$[\d,.]+ idle; \d+ due for confirmation$/);
  const checkbox = row.getByRole('checkbox', { name: `Select ${reviewed.name}` });
  // Enabled once the permission decision arrived.
  await until('the pool to be selectable', () => checkbox.isEnabled(), 20_000);
  await checkbox.check();
  await page.getByRole('button', { name: 'Confirm selected' }).click();
  await row.getByTestId('review-confirmation').getByText(/^Confirmed by /).waitFor({ timeout: 20_000 });
  expect(await row.getByTestId('review-confirmation').textContent()).toContain('Confirmed by user:development/guest');
  await shot(page, 'governance-review-confirmed');

  const after = await json(`/owners/${encodeURIComponent(TEAM)}/review`);
  const pool = after.pools.find(p => p.ref === reviewed.ref);
  expect(pool.confirmationDue).toBe(false);
  expect(pool.confirmation).toMatchObject({ owner: TEAM, by: 'user:development/guest' });
});

step("the review's pools export downloads as CSV with its header and the pool's row", () => page, async () => {
  expect(reviewed).toBeDefined();
  await open(page, REVIEW_URL, page.getByRole('button', { name: 'Download pools as CSV' }));
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Download pools as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^nodepools-pools-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const [header, ...rows] = text.split('\r\n').filter(Boolean);
  const columns = header.split(',');
  expect(columns.slice(0, 6)).toEqual(['Pool ref', 'Pool', 'Cluster', 'Cluster ref', 'Provider', 'Owner']);
  // Filtered to the owner: every row is the team's, and the confirmed pool is among them.
  const cells = rows.map(row => row.split(','));
  expect(cells.map(c => c[0])).toContain(reviewed.ref);
  expect(new Set(cells.map(c => c[columns.indexOf('Owner')]))).toEqual(new Set([TEAM]));
});

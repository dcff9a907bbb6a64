// Pool requests across two people: the guest fills in the request form in
// Chromium (live policy checks and cost from the real backend) and submits
// it, a second user (alice, signed in through the dev backend's
// development-users provider) approves it, and the guest sees the rendered
// Terraform and the audit trail on the request page.
const { APP, BACKEND, launch, open, shot, step, api } = require('./session');

let browser;
let page;
let cluster;
let requestId;
const name = `e2e-req-${Date.now().toString(36)}`;

async function asAlice(route, init = {}) {
  const refresh = await fetch(`${BACKEND}/api/auth/nodepools-dev-users/refresh`, {
    headers: { 'x-nodepools-dev-user': 'user:default/alice' },
  });
  if (!refresh.ok) throw new Error(`alice could not sign in: ${refresh.status} ${await refresh.text()}`);
  const { token } = (await refresh.json()).backstageIdentity;
  const res = await fetch(`${BACKEND}/api/nodepools${route}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  ({ browser, page } = await launch());
  // The first sync runs a second after start-up.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await api('/clusters');
    const { items } = await res.json();
    cluster = items.find(c => c.provider === 'eks');
    if (cluster) break;
    await new Promise(r => setTimeout(r, 250));
  }
  if (!cluster) throw new Error('no EKS cluster in the sample inventory');
});

afterAll(async () => {
  await browser?.close();
});

step('the guest writes a request in the form, checked and priced live, and submits it', () => page, async () => {
  const search = new URLSearchParams({
    kind: 'eks-managed-node-group',
    cluster: cluster.ref,
    machineType: 'm6i.large',
    min: '1',
    max: '3',
    owner: 'group:default/team-payments',
    justification: 'Batch jobs of the payments team',
  });
  await open(page, `/nodepools/requests/new?${search}`, page.getByTestId('request-form'));
  // The name is typed: the checks follow what is typed.
  await page.getByLabel(/^Pool name/).fill('Bad Name');
  await page.getByText(/must be a pool name/).first().waitFor({ timeout: 20_000 });
  await page.getByLabel(/^Pool name/).fill(name);
  await page.locator('[data-testid="policy-checks"]:not([data-state="checking"])').waitFor({ timeout: 20_000 });
  await page.getByTestId('cost-max').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('cost-max').textContent()).toMatch(/^\$[\d,.]+\/mo \(3 nodes\)$/);
  expect(await page.getByLabel(/^Pool name/).getAttribute('aria-invalid')).toBe('false');

  await shot(page, 'request-form');
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.locator('[data-testid="request-state"][data-state="submitted"]').waitFor({ timeout: 30_000 });
  requestId = new URL(page.url()).pathname.split('/').pop();
  // Nobody approves their own request.
  expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Cancel request' }).count()).toBe(1);
});

step('a second user approves it; the requester could not', () => page, async () => {
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const own = await api(`/requests/${requestId}/approve`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ version: 1 }),
  });
  expect(own.status).toBe(403);

  const seen = await asAlice(`/requests/${requestId}`);
  expect(seen.status).toBe(200);
  expect(seen.body.allowed).toContain('approve');
  const approved = await asAlice(`/requests/${requestId}/approve`, {
    method: 'POST',
    body: JSON.stringify({ version: seen.body.version, comment: 'Fits the batch budget' }),
  });
  expect(approved.status).toBe(200);
  expect(approved.body.state).toBe('approved');
  // A second decision on the same version loses the race.
  const late = await asAlice(`/requests/${requestId}/reject`, {
    method: 'POST',
    body: JSON.stringify({ version: seen.body.version }),
  });
  expect(late.status).toBe(409);
});

step('the requester sees the approval, the rendered Terraform and CLI, and the audit trail', () => page, async () => {
  await open(page, `${APP}/nodepools/requests/${requestId}`, page.locator('[data-testid="request-state"][data-state="approved"]'));
  const terraform = page.getByTestId('rendered-terraform');
  await terraform.getByText('aws_eks_node_group').first().waitFor({ timeout: 20_000 });
  const hcl = await terraform.textContent();
  expect(hcl).toContain(`node_group_name = "${name}"`);
  expect(hcl).toContain('"m6i.large"');
  await page.getByRole('tab', { name: 'CLI' }).click();
  await page.getByTestId('rendered-cli').getByText('create-nodegroup').first().waitFor({ timeout: 10_000 });
  const audit = page.getByTestId('request-audit');
  expect(await audit.locator('[data-action="approve"]').textContent()).toContain('alice');
  expect(await audit.locator('[data-action="approve"]').textContent()).toContain('Fits the batch budget');
  await shot(page, 'request-approved');
});

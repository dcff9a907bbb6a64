import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { ALL_POOLS } from '../../__testUtils__/pools';
import { renderRouter } from '../../__testUtils__/renderRouter';
import { gpuSpec } from '../../__testUtils__/requests';

const SLOW = { timeout: 4000 };
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

/** Bob looks at Alice's submitted request, as an approver unless told otherwise. */
function setUp(options: { approver?: boolean } = {}) {
  const api = new FakeNodePoolsApi(ALL_POOLS);
  const request = api.requestWorkflow.seed(gpuSpec, { requester: ALICE, state: 'submitted' });
  api.requestWorkflow.user = BOB;
  api.requestWorkflow.approver = options.approver ?? true;
  return { api, url: `/nodepools/requests/${request.id}`, id: request.id };
}

const denyApprove = {
  authorize: (r: { permission: { name: string } }) =>
    r.permission.name === 'nodepool.request.approve' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
};

describe('RequestPage', () => {
  it('approves with a comment, keeps it in the audit trail and shows the rendered Terraform, CLI and cost', async () => {
    const { api, url, id } = setUp();
    await renderRouter(url, api);
    expect(await screen.findByTestId('request-state', {}, SLOW)).toHaveAttribute('data-state', 'submitted');
    expect(screen.getByTestId('request-not-rendered')).toBeInTheDocument();
    expect(await screen.findByTestId('cost-max', {}, SLOW)).toHaveTextContent('$400.00/mo (4 nodes)');

    await userEvent.type(screen.getByLabelText('Comment'), 'Within the ML budget');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(screen.getByTestId('request-state')).toHaveAttribute('data-state', 'approved'), SLOW);
    expect(api.requestWorkflow.transitions).toEqual([
      { id, action: 'approve', body: { version: 1, comment: 'Within the ML budget' } },
    ]);
    const audit = screen.getByTestId('request-audit');
    const rows = within(audit).getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-action'))).toEqual(['create', 'approve']);
    expect(rows[1]).toHaveTextContent('bob');
    expect(rows[1]).toHaveTextContent('Awaiting approval → Approved');
    expect(rows[1]).toHaveTextContent('Within the ML budget');

    const terraform = screen.getByTestId('rendered-terraform');
    await waitFor(() => expect(terraform).toHaveTextContent('resource "aws_eks_node_group"'), SLOW);
    expect(terraform).toHaveTextContent('node_group_name = "gpu-train"');
    await userEvent.click(screen.getByRole('tab', { name: 'CLI' }));
    await waitFor(() => expect(screen.getByTestId('rendered-cli')).toHaveTextContent('aws eks create-nodegroup'), SLOW);
    expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
  });

  it('disables approving for users without nodepool.request.approve, and says why', async () => {
    const { api, url } = setUp();
    await renderRouter(url, api, { permissions: denyApprove });
    const approve = await screen.findByRole('button', { name: 'Approve' }, SLOW);
    await waitFor(() => expect(approve).toBeDisabled());
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
    expect(screen.getByTestId('request-approve-denied')).toHaveTextContent('nodepool.request.approve');
    await userEvent.click(approve).catch(() => undefined);
    expect(api.requestWorkflow.transitions).toEqual([]);
  });

  it('offers no decision on a request the user may not decide', async () => {
    const { api, url } = setUp({ approver: false });
    await renderRouter(url, api);
    expect(await screen.findByTestId('request-no-actions', {}, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('says plainly that another approver decided first (409), and reloads', async () => {
    const { api, url, id } = setUp();
    await renderRouter(url, api);
    await screen.findByRole('button', { name: 'Approve' }, SLOW);
    api.requestWorkflow.decideElsewhere(id, 'reject', 'user:default/carol');

    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const conflict = await screen.findByTestId('request-conflict', {}, SLOW);
    expect(conflict).toHaveTextContent('This request changed meanwhile');
    expect(conflict).toHaveTextContent('now at version 2');
    expect(api.requestWorkflow.requests.get(id)?.state).toBe('rejected');

    await userEvent.click(within(conflict).getByRole('button', { name: 'Reload the request' }));
    await waitFor(() => expect(screen.getByTestId('request-state')).toHaveAttribute('data-state', 'rejected'), SLOW);
    expect(screen.queryByTestId('request-conflict')).not.toBeInTheDocument();
    expect(screen.getByTestId('request-no-actions')).toBeInTheDocument();
  });

  it('lets the requester cancel, but not approve, their own request', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    api.requestWorkflow.approver = true;
    const request = api.requestWorkflow.seed(gpuSpec, { requester: ALICE, state: 'submitted' });
    await renderRouter(`/nodepools/requests/${request.id}`, api);
    const cancel = await screen.findByRole('button', { name: 'Cancel request' }, SLOW);
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    await userEvent.click(cancel);
    await waitFor(() => expect(screen.getByTestId('request-state')).toHaveAttribute('data-state', 'cancelled'), SLOW);
  });

  it('says when a request does not exist', async () => {
    await renderRouter('/nodepools/requests/00000000-0000-4000-8000-000000000999', new FakeNodePoolsApi([]));
    expect(await screen.findByText('Request not found', {}, SLOW)).toBeInTheDocument();
  });
});

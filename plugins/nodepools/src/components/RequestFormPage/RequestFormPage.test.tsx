import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { ALL_POOLS, eksGeneral } from '../../__testUtils__/pools';
import { renderRouter } from '../../__testUtils__/renderRouter';
import { gpuSpec, spotAndCatalogRules } from '../../__testUtils__/requests';
import { TRIAGES } from '../../__testUtils__/triage';
import { responseError } from '../../__testUtils__/FakeRequestWorkflow';

const SLOW = { timeout: 4000 };

function api() {
  const fake = new FakeNodePoolsApi(ALL_POOLS, {}, {}, [], { reports: TRIAGES });
  fake.requestWorkflow.validator = spotAndCatalogRules;
  return fake;
}

const spotGpu = new URLSearchParams({
  kind: 'eks-managed-node-group',
  cluster: 'eks/111122223333/us-east-1/prod-use1',
  name: 'gpu-train',
  machineType: 'g5.xlarge',
  min: '1',
  max: '4',
  capacityType: 'spot',
  owner: 'group:default/ml',
  justification: 'Nightly training jobs',
});

describe('RequestFormPage', () => {
  it('shows each policy check at its field, errors apart from warnings, and the cost at both sizes', async () => {
    const fake = api();
    const search = new URLSearchParams(spotGpu);
    search.append('machineType', 'x9-custom');
    await renderRouter(`/nodepools/requests/new?${search}`, fake);

    const taints = screen.getByLabelText('Taints');
    await waitFor(() => expect(taints).toHaveAccessibleDescription('a spot pool needs a NoSchedule or NoExecute taint'), SLOW);
    expect(taints).toHaveAttribute('aria-invalid', 'true');
    const machines = screen.getByLabelText(/^Machine types/);
    expect(machines).toHaveAccessibleDescription('x9-custom is not in the machine catalog: no price');
    // A warning is said at the field but does not mark it invalid.
    expect(machines).toHaveAttribute('aria-invalid', 'false');

    const checks = screen.getByTestId('policy-checks');
    expect(within(checks).getAllByRole('listitem').map(li => li.getAttribute('data-severity'))).toEqual(['error', 'warning']);
    expect(screen.getByTestId('cost-min')).toHaveTextContent('$100.00/mo (1 node)');
    expect(screen.getByTestId('cost-max')).toHaveTextContent('$400.00/mo (4 nodes)');
    expect(screen.getByTestId('cost-owner-after')).toHaveTextContent('$1,400.00/mo');
    expect(screen.getByRole('button', { name: 'Submit for approval' })).toBeDisabled();
    // What was checked is what the form shows.
    expect(fake.requestWorkflow.validations.at(-1)?.spec).toMatchObject({
      name: 'gpu-train',
      machineTypes: ['g5.xlarge', 'x9-custom'],
      autoscaling: { min: 1, max: 4 },
      capacityType: 'spot',
    });
  });

  it('checks again while typing and submits the request once the errors are fixed', async () => {
    const fake = api();
    await renderRouter(`/nodepools/requests/new?${spotGpu}`, fake);
    const taints = screen.getByLabelText('Taints');
    await waitFor(() => expect(taints).toHaveAttribute('aria-invalid', 'true'), SLOW);

    await userEvent.type(taints, 'nvidia.com/gpu=true:NoSchedule{enter}');
    await waitFor(() => expect(screen.getByTestId('policy-checks')).toHaveAttribute('data-state', 'passed'), SLOW);
    const submit = screen.getByRole('button', { name: 'Submit for approval' });
    expect(submit).toBeEnabled();
    await userEvent.click(submit);

    expect(await screen.findByTestId('request-state', {}, SLOW)).toHaveAttribute('data-state', 'submitted');
    const [stored] = [...fake.requestWorkflow.requests.values()];
    expect(stored.spec.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);
    expect(stored.state).toBe('submitted');
  });

  it('says at the field what the API cannot read yet', async () => {
    const search = new URLSearchParams(spotGpu);
    search.set('name', 'GPU train!');
    await renderRouter(`/nodepools/requests/new?${search}`, api());
    const name = screen.getByLabelText(/^Pool name/);
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'), SLOW);
    expect(name).toHaveAccessibleDescription(/must be a pool name/);
  });

  it('shows the policies the backend refused a submission for', async () => {
    const fake = api();
    await renderRouter(`/nodepools/requests/new?${spotGpu}&taint=${encodeURIComponent('gpu=true:NoSchedule')}`, fake);
    await waitFor(() => expect(screen.getByTestId('policy-checks')).toHaveAttribute('data-state', 'passed'), SLOW);
    // The quota changed between the live check and the submission.
    fake.requestWorkflow.create = async () => {
      throw await responseError(422, 'PolicyViolationError', 'The request breaks 1 policy', {
        violations: [{ field: 'autoscaling.max', rule: 'cost-quota', severity: 'error', message: 'the owner would spend $60,400 a month, over the quota of $60,000' }],
      });
    };
    await userEvent.click(screen.getByRole('button', { name: 'Submit for approval' }));
    const max = await screen.findByLabelText('Maximum nodes');
    await waitFor(() => expect(max).toHaveAccessibleDescription(/over the quota of \$60,000/), SLOW);
    expect(fake.requestWorkflow.requests.size).toBe(0);
  });

  it('lets only users who may request pools save one', async () => {
    await renderRouter(`/nodepools/requests/new?${spotGpu}`, api(), {
      permissions: { authorize: r => (r.permission.name === 'nodepool.request.create' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW) },
    });
    expect(await screen.findByText(/You are not allowed to request node pools$/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save draft' })).toBeDisabled();
  });

  it('clones a pool from its page, without the labels the cloud sets', async () => {
    await renderRouter(`/nodepools/pool/${encodeURIComponent(eksGeneral.ref)}`, api());
    await userEvent.click(await screen.findByRole('button', { name: 'Request a pool like this' }));
    expect(await screen.findByLabelText(/^Pool name/)).toHaveValue('ng-general-2');
    const form = screen.getByTestId('request-form');
    expect(within(form).getByText('m6i.xlarge')).toBeInTheDocument();
    expect(within(form).getByText('team=payments')).toBeInTheDocument();
    expect(within(form).queryByText(/eks\.amazonaws\.com\/nodegroup/)).not.toBeInTheDocument();
    expect(screen.getByLabelText('Minimum nodes')).toHaveValue(1);
    expect(screen.getByLabelText('Maximum nodes')).toHaveValue(5);
    expect(screen.getByLabelText(/^Owner/)).toHaveValue('group:default/payments');
  });

  it('requests the pool a triage fix suggests, in the triaged cluster', async () => {
    await renderRouter('/nodepools/triage?cluster=train-euw4', api());
    await userEvent.click(await screen.findByRole('button', { name: 'Request a pool like this' }));
    expect(await screen.findByLabelText('Kind of pool')).toHaveTextContent('GKE node pool');
    const form = screen.getByTestId('request-form');
    expect(screen.getByLabelText(/^Machine type/)).toHaveValue('a3-highgpu-8g');
    expect(within(form).getByText('nvidia.com/gpu=present:NoSchedule')).toBeInTheDocument();
    expect(within(form).getByText('europe-west4-b')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Cluster/)).toHaveValue('gke/ml-train/europe-west4/train-euw4');
  });

  it('edits a draft from its page and submits it, checked as itself', async () => {
    const fake = api();
    const draft = fake.requestWorkflow.seed(gpuSpec, { state: 'draft' });
    await renderRouter(`/nodepools/requests/${draft.id}`, fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit the draft' }, SLOW));
    const max = await screen.findByLabelText('Maximum nodes', {}, SLOW);
    expect(max).toHaveValue(4);
    expect(screen.getByLabelText('Kind of pool')).toHaveAttribute('aria-disabled', 'true');
    await userEvent.clear(max);
    await userEvent.type(max, '6');
    await waitFor(() => expect(screen.getByTestId('cost-max')).toHaveTextContent('(6 nodes)'), SLOW);
    // The name it already holds is not taken by itself.
    expect(fake.requestWorkflow.validations.at(-1)?.requestId).toBe(draft.id);
    await userEvent.click(screen.getByRole('button', { name: 'Submit for approval' }));

    expect(await screen.findByTestId('request-state', {}, SLOW)).toHaveAttribute('data-state', 'submitted');
    const stored = fake.requestWorkflow.requests.get(draft.id)!;
    expect(stored.spec.autoscaling).toEqual({ min: 1, max: 6 });
    expect(stored.audit.map(a => a.action)).toEqual(['create', 'edit', 'submit']);
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { DRIFT_SUMMARY, driftFindings } from '../../__testUtils__/drift';
import { ALL_POOLS, eksGeneral, eksSpotArm } from '../../__testUtils__/pools';
import { renderRouter } from '../../__testUtils__/renderRouter';

const poolUrl = (ref: string, search = '') => `/nodepools/pools/${encodeURIComponent(ref)}${search}`;

function api() {
  return new FakeNodePoolsApi(ALL_POOLS, {}, {}, [], {}, { findings: driftFindings(), summary: DRIFT_SUMMARY });
}

describe('the Drift tab of a pool page', () => {
  it('shows each finding with desired and actual side by side, its source and both ways out', async () => {
    await renderRouter(poolUrl(eksGeneral.ref, '?tab=drift'), api());
    const findings = await screen.findAllByTestId('drift-finding');
    expect(findings.map(f => f.getAttribute('data-cause'))).toEqual(['node-taints', 'changed']);
    const autoscaling = findings[1];
    expect(within(autoscaling).getByTestId('drift-desired')).toHaveTextContent('Desired (IaC)1..3');
    expect(within(autoscaling).getByTestId('drift-actual')).toHaveTextContent('Actual (cloud and nodes)1..5');
    // A Terraform Cloud workspace is a link; the address says which resource.
    const origin = within(autoscaling).getByTestId('drift-origin');
    expect(within(origin).getByRole('link', { name: /app\.terraform\.io/ })).toHaveAttribute(
      'href',
      'https://app.terraform.io/app/acme/workspaces/eks-prod/states',
    );
    expect(origin).toHaveTextContent('module.eks.aws_eks_node_group.this["ng-general"]');
    expect(within(autoscaling).getByTestId('drift-revert')).toHaveTextContent('aws eks update-nodegroup-config');
    expect(within(autoscaling).getByTestId('drift-adopt')).toHaveTextContent('max_size = 5');
    expect(within(autoscaling).getAllByRole('button', { name: /copy/i })).toHaveLength(2);
    // A file path is shown, not linked.
    expect(within(findings[0]).getByTestId('drift-origin')).toHaveTextContent('infra/prod.tfstate at aws_eks_node_group.general');
    expect(within(findings[0]).queryByRole('link')).toBeNull();
    expect(screen.getByTestId('pool-drift-tab')).toHaveTextContent('Drift (2)');
  });

  it('acknowledges a finding with a reason and an expiry; it stays, quiet', async () => {
    const fake = api();
    await renderRouter(poolUrl(eksGeneral.ref, '?tab=drift'), fake);
    const [taint] = await screen.findAllByTestId('drift-finding');
    await userEvent.click(within(taint).getByRole('button', { name: 'Acknowledge' }));
    const dialog = await screen.findByRole('dialog', { name: 'Acknowledge drift' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Say why this drift is accepted.');
    expect(fake.acknowledgements).toEqual([]);

    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'draining the node for a kernel patch');
    await userEvent.type(within(dialog).getByLabelText(/Until/), '2027-01-15');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    expect(fake.acknowledgements).toEqual([
      { id: 'drift-1122334455667788', reason: 'draining the node for a kernel patch', until: '2027-01-15' },
    ]);
    const quiet = (await screen.findAllByTestId('drift-finding')).find(f => f.getAttribute('data-id') === 'drift-1122334455667788')!;
    expect(quiet).toHaveAttribute('data-state', 'acknowledged');
    expect(within(quiet).getByTestId('drift-acknowledgement')).toHaveTextContent(
      'Acknowledged by user:default/guest',
    );
    expect(within(quiet).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });

  it('shows acknowledged findings quiet, with who, why and until when', async () => {
    await renderRouter(poolUrl(eksSpotArm.ref, '?tab=drift'), api());
    const [finding] = await screen.findAllByTestId('drift-finding');
    expect(finding).toHaveAttribute('data-state', 'acknowledged');
    expect(within(finding).getByTestId('drift-acknowledgement')).toHaveTextContent(
      'Acknowledged by user:default/ada',
    );
    expect(within(finding).getByTestId('drift-acknowledgement')).toHaveTextContent('moving to Karpenter (until 2027-01-31)');
    expect(within(finding).getByTestId('drift-revert')).toHaveAttribute('data-kind', 'none');
  });

  it('says when a pool has no drift', async () => {
    await renderRouter(poolUrl(ALL_POOLS[3].ref, '?tab=drift'), api());
    expect(await screen.findByTestId('drift-pool-tab')).toHaveTextContent(/^No drift/);
    expect(screen.queryAllByTestId('drift-finding')).toEqual([]);
  });

  it('switches between details and drift, keeping the choice in the URL', async () => {
    const { getByTestId } = await renderRouter(poolUrl(eksGeneral.ref), api());
    await screen.findByRole('table', { name: 'Pool fields' });
    await userEvent.click(screen.getByRole('tab', { name: /Drift/ }));
    await screen.findAllByTestId('drift-finding');
    expect(getByTestId('location')).toHaveTextContent('tab=drift');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { renderInTestApp, TestApiProvider, TestApiRegistry } from '@backstage/test-utils';
import { FakeNodePoolsApi } from '../__testUtils__/FakeNodePoolsApi';
import { ALL_POOLS } from '../__testUtils__/pools';
import { spotAndCatalogRules } from '../__testUtils__/requests';
import { nodePoolsApiRef } from '../api';
import { NodePoolPickerField } from './NodePoolPickerField';
import type { NodePoolPickerValue } from './specFromForm';
import { validateNodePoolPicker } from './validation';

type JsonObject = Parameters<typeof validateNodePoolPicker>[2]['formData'];

const SLOW = { timeout: 4000 };
const siblings: JsonObject = { name: 'gpu-train', minNodes: 1, maxNodes: 4, capacityType: 'spot', owner: 'group:default/ml', justification: 'training' };

function api() {
  const fake = new FakeNodePoolsApi(ALL_POOLS);
  fake.requestWorkflow.validator = spotAndCatalogRules;
  return fake;
}

function Harness({ initial, formData, onValue }: { initial: NodePoolPickerValue; formData: Record<string, unknown>; onValue(v?: NodePoolPickerValue): void }) {
  const [value, setValue] = useState<NodePoolPickerValue | undefined>(initial);
  const props = {
    formData: value,
    onChange: (v?: NodePoolPickerValue) => {
      setValue(v);
      onValue(v);
    },
    formContext: { formData: { ...formData, pool: value } },
    schema: { type: 'object', title: 'Pool' },
    uiSchema: {},
    idSchema: { $id: 'root_pool' },
    rawErrors: [],
    required: true,
    name: 'pool',
  } as unknown as Parameters<typeof NodePoolPickerField>[0];
  return <NodePoolPickerField {...props} />;
}

function fieldErrors() {
  const errors: string[] = [];
  return { errors, field: { addError: (m: string) => errors.push(m), __errors: [] } as unknown as Parameters<typeof validateNodePoolPicker>[1] };
}

describe('NodePoolPicker Scaffolder field', () => {
  it('offers the inventory’s clusters of the kind and checks the choice with the template’s other parameters', async () => {
    const fake = api();
    const values: Array<NodePoolPickerValue | undefined> = [];
    await renderInTestApp(
      <TestApiProvider apis={[[nodePoolsApiRef, fake]]}>
        <Harness initial={{ kind: 'eks-managed-node-group', machineTypes: ['g5.xlarge'] }} formData={siblings} onValue={v => values.push(v)} />
      </TestApiProvider>,
    );
    await userEvent.click(screen.getByLabelText(/^Cluster/));
    const options = await screen.findAllByRole('option', {}, SLOW);
    // Only EKS clusters take an EKS managed node group.
    expect(options.map(o => o.textContent)).toEqual(['prod-use1 · EKS · 111122223333 · us-east-1']);
    await userEvent.click(options[0]);
    expect(values.at(-1)).toEqual({ kind: 'eks-managed-node-group', cluster: 'eks/111122223333/us-east-1/prod-use1', machineTypes: ['g5.xlarge'] });

    const checks = await screen.findByTestId('node-pool-picker-checks');
    await waitFor(() => expect(within(checks).getByText('a spot pool needs a NoSchedule or NoExecute taint')).toBeInTheDocument(), SLOW);
    expect(within(checks).getByTestId('cost-max')).toHaveTextContent('$400.00/mo (4 nodes)');
    expect(fake.requestWorkflow.validations.at(-1)?.spec).toMatchObject({ name: 'gpu-train', capacityType: 'spot', owner: 'group:default/ml', autoscaling: { min: 1, max: 4 } });
  });

  it('leaves out the checks of parameters not filled in yet', async () => {
    const fake = api();
    fake.requestWorkflow.validator = spec => ({
      ...spotAndCatalogRules(spec),
      violations: [
        { field: 'owner', rule: 'owner-exists', severity: 'error', message: 'no such group' },
        { field: 'name', rule: 'name-unique', severity: 'error', message: 'taken' },
        { field: 'machineTypes', rule: 'machine-type-allowed', severity: 'error', message: 'g5 is not allowed in prod' },
      ],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[nodePoolsApiRef, fake]]}>
        <Harness initial={{ kind: 'eks-managed-node-group', cluster: 'eks/111122223333/us-east-1/prod-use1', machineTypes: ['g5.xlarge'] }} formData={{}} onValue={() => undefined} />
      </TestApiProvider>,
    );
    const machines = screen.getByLabelText(/^Machine types/);
    await waitFor(() => expect(machines).toHaveAccessibleDescription('g5 is not allowed in prod'), SLOW);
    const checks = screen.getByTestId('node-pool-picker-checks');
    expect(within(checks).queryByText('no such group')).not.toBeInTheDocument();
    expect(within(checks).queryByText('taken')).not.toBeInTheDocument();
  });

  it('blocks the step on missing choices and on policy errors, not on warnings', async () => {
    const apis = TestApiRegistry.from([nodePoolsApiRef, api()]);
    const context = (formData: JsonObject) => ({ apiHolder: apis, formData, schema: {} });

    const empty = fieldErrors();
    await validateNodePoolPicker({}, empty.field, context({}));
    expect(empty.errors).toEqual(['Choose the kind of pool', 'Choose a cluster', 'Choose a machine type']);

    const pool = { kind: 'eks-managed-node-group' as const, cluster: 'eks/111122223333/us-east-1/prod-use1', machineTypes: ['g5.xlarge', 'x9-custom'] };
    const spot = fieldErrors();
    await validateNodePoolPicker(pool, spot.field, context(siblings));
    expect(spot.errors).toEqual(['taints: a spot pool needs a NoSchedule or NoExecute taint']);

    const tainted = fieldErrors();
    await validateNodePoolPicker(pool, tainted.field, context({ ...siblings, taintKey: 'nvidia.com/gpu' }));
    expect(tainted.errors).toEqual([]);
  });
});

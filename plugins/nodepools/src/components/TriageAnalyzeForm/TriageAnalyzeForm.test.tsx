import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { renderRouter } from '../../__testUtils__/renderRouter';
import { PROD_REPORT } from '../../__testUtils__/triage';

const PODS = {
  apiVersion: 'v1',
  kind: 'List',
  items: [
    {
      metadata: { namespace: 'payments', name: 'api-7c9f8d6b5-2xk4p' },
      spec: { containers: [{ name: 'api', resources: { requests: { cpu: '1500m', memory: '2Gi' } } }] },
      status: { phase: 'Pending' },
    },
  ],
};
const NODES = { apiVersion: 'v1', kind: 'List', items: [{ metadata: { name: 'ip-10-0-12-34.ec2.internal' } }] };
const EVENTS = { apiVersion: 'v1', kind: 'List', items: [] };

function fakeApi() {
  return new FakeNodePoolsApi([], {}, {}, [], { analyzed: PROD_REPORT });
}

async function openForm(api: FakeNodePoolsApi) {
  await renderRouter('/nodepools/triage/analyze', api);
  return screen.findByRole('form', { name: 'Analyze kubectl JSON' });
}

/** Pastes text in one go: typing JSON key by key would read braces as key descriptors. */
function paste(label: RegExp, text: string) {
  fireEvent.change(screen.getByRole('textbox', { name: label }), { target: { value: text } });
}

describe('TriageAnalyzeForm', () => {
  it('sends pasted kubectl JSON with the cluster name and shows the report', async () => {
    const api = fakeApi();
    await openForm(api);
    await userEvent.type(screen.getByRole('textbox', { name: 'Cluster name' }), 'prod-use1');
    paste(/^pods\.json/, JSON.stringify(PODS));
    paste(/^nodes\.json/, JSON.stringify(NODES, null, 2));
    paste(/^events\.json/, JSON.stringify(EVENTS));
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));

    const report = await screen.findByTestId('triage-report');
    expect(report).toHaveAttribute('data-cluster', 'prod-use1');
    expect(api.analyzeRequests).toEqual([
      { cluster: 'prod-use1', pods: PODS, nodes: NODES, events: EVENTS },
    ]);
    // Nodes go first in the body, so the API binds each pod to its node as it reads it.
    expect(Object.keys(api.analyzeRequests[0]).indexOf('nodes')).toBeLessThan(Object.keys(api.analyzeRequests[0]).indexOf('pods'));
    // The same report view as a collected cluster's.
    expect(within(report).getAllByTestId('triage-group')).toHaveLength(4);
    expect(within(report).getAllByTestId('triage-matrix')).toHaveLength(4);
  });

  it('leaves out what was not given: no cluster, no events', async () => {
    const api = fakeApi();
    await openForm(api);
    paste(/^pods\.json/, JSON.stringify(PODS));
    paste(/^nodes\.json/, JSON.stringify(NODES));
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));
    await screen.findByTestId('triage-report');
    expect(api.analyzeRequests).toEqual([{ pods: PODS, nodes: NODES }]);
  });

  it('reads chosen files', async () => {
    const api = fakeApi();
    await openForm(api);
    const podsFile = new File([JSON.stringify(PODS)], 'pods.json', { type: 'application/json' });
    const nodesFile = new File([JSON.stringify(NODES)], 'nodes-prod.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Choose pods.json'), podsFile);
    await userEvent.upload(screen.getByLabelText('Choose nodes.json'), nodesFile);
    expect(await screen.findByTestId('triage-pods-file')).toHaveTextContent(
      `pods.json · ${podsFile.size} B`,
    );
    expect(screen.getByTestId('triage-nodes-file')).toHaveTextContent('nodes-prod.json');
    expect(screen.queryByRole('textbox', { name: /^pods\.json/ })).not.toBeInTheDocument();

    // Removing a file brings the text box back, empty.
    await userEvent.click(screen.getByRole('button', { name: 'Remove nodes.json file' }));
    expect(screen.getByRole('textbox', { name: /^nodes\.json/ })).toHaveValue('');
    await userEvent.upload(screen.getByLabelText('Choose nodes.json'), nodesFile);
    await screen.findByTestId('triage-nodes-file');

    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));
    await screen.findByTestId('triage-report');
    expect(api.analyzeRequests).toEqual([{ pods: PODS, nodes: NODES }]);
  });

  it('names the input that is missing or not JSON, and sends nothing', async () => {
    const api = fakeApi();
    await openForm(api);
    paste(/^nodes\.json/, '{"items": [');
    paste(/^events\.json/, '"just a string"');
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));

    expect(
      await screen.findByText(
        'pods.json is required: paste the output of kubectl get pods -A -o json or choose its file',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^the pasted nodes\.json is not valid JSON: /)).toBeInTheDocument();
    expect(
      screen.getByText(
        'the pasted events.json must be the JSON object that kubectl get events -A -o json prints',
      ),
    ).toBeInTheDocument();
    expect(api.analyzeRequests).toEqual([]);
    expect(screen.queryByTestId('triage-report')).not.toBeInTheDocument();

    // Editing a field clears its error.
    paste(/^nodes\.json/, JSON.stringify(NODES));
    await waitFor(() =>
      expect(screen.queryByText(/nodes\.json is not valid JSON: /)).not.toBeInTheDocument(),
    );
  });

  it('names the chosen file that is not JSON, and the input it was chosen for', async () => {
    const api = fakeApi();
    await openForm(api);
    paste(/^pods\.json/, JSON.stringify(PODS));
    await userEvent.upload(
      screen.getByLabelText('Choose nodes.json'),
      new File(['{"items": ['], 'cluster-b-nodes.json', { type: 'application/json' }),
    );
    await screen.findByTestId('triage-nodes-file');
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      /^cluster-b-nodes\.json \(chosen for nodes\.json\) is not valid JSON: /,
    );
    expect(api.analyzeRequests).toEqual([]);
  });

  it("shows the server's message when it rejects the input", async () => {
    const api = fakeApi();
    api.failure = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'InputError',
            message: "Invalid field 'pods' in the request body: Expected object, received number",
          },
          response: { statusCode: 400 },
        }),
        { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/json' } },
      ),
    );
    await openForm(api);
    paste(/^pods\.json/, JSON.stringify(PODS));
    paste(/^nodes\.json/, JSON.stringify(NODES));
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The input could not be analyzed');
    expect(alert).toHaveTextContent(
      "Invalid field 'pods' in the request body: Expected object, received number",
    );
    expect(screen.queryByTestId('triage-report')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Analyze' })).toBeEnabled();
  });
});

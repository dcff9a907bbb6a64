import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TriagePod, TriageReport } from '@nodepools/plugin-nodepools-common';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { currentSearch } from '../../__testUtils__/LocationProbe';
import { renderRouter } from '../../__testUtils__/renderRouter';
import { eksGeneral } from '../../__testUtils__/pools';
import {
  API_SCHEDULER_MESSAGE,
  IP_EXHAUSTION_MESSAGE,
  PROD_REPORT,
  TRIAGE_CLUSTERS,
  TRIAGES,
} from '../../__testUtils__/triage';
import { GROUPS_SHOWN } from '../TriageReportView';
import { PODS_SHOWN } from '../TriageSignatureGroup';

function api(reports = TRIAGES) {
  return new FakeNodePoolsApi([], {}, {}, [], { reports, clusters: TRIAGE_CLUSTERS });
}

const search = () => currentSearch(screen.getByTestId('location'));

function group(signature: string): HTMLElement {
  return screen
    .getAllByTestId('triage-group')
    .find(el => el.getAttribute('data-signature') === signature)!;
}

function cell(matrix: HTMLElement, poolName: string, code: string): HTMLElement {
  const row = within(matrix).getByRole('link', { name: poolName }).closest('tr')!;
  return row.querySelector(`td[data-code="${code}"]`) as HTMLElement;
}

const count = (id: string) => screen.getByTestId(`triage-count-${id}`).getAttribute('data-count');

describe('TriagePage', () => {
  it('lists the clusters with a triage, most pending pods first, with failed collections', async () => {
    await renderRouter('/nodepools/triage', api());
    await screen.findByText('Clusters with pending-pod triage');
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map(row => row.querySelector('td')?.textContent)).toEqual([
      'prod-use1',
      'train-euw4',
      'edge-nyc1',
      'shop-weu',
    ]);
    expect(rows[0]).toHaveTextContent('6');
    expect(rows[0].querySelector('time')).toHaveAttribute('dateTime', '2026-11-10T11:55:00.000Z');
    expect(rows[3]).toHaveTextContent('Never');
    expect(rows[3]).toHaveTextContent('cannot list resource "pods" at the cluster scope');

    expect(rows[0]).toHaveTextContent('eks · us-east-1 · 111122223333');
    expect(rows[2]).toHaveTextContent('kubernetes');

    await userEvent.click(screen.getByRole('link', { name: 'prod-use1' }));
    await waitFor(() => expect(search().get('cluster')).toBe('eks/111122223333/us-east-1/prod-use1'));
    expect(await screen.findByTestId('triage-report')).toHaveAttribute('data-cluster', 'prod-use1');
  });

  it('shows a cluster named in the URL: counts, notes, and a section per signature', async () => {
    await renderRouter('/nodepools/triage?cluster=prod-use1', api());
    expect(await screen.findByTestId('triage-report')).toBeInTheDocument();
    expect(screen.getByTestId('triage-collected')).toHaveTextContent('from kubernetes');
    expect(screen.getByTestId('triage-collected').querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-11-10T11:55:00.000Z',
    );
    expect(count('pending')).toBe('6');
    expect(count('schedulable-now')).toBe('1');
    expect(count('after-scale-up')).toBe('3');
    expect(count('ip-exhaustion')).toBe('1');
    expect(count('skipped')).toBe('1');
    expect(screen.getByTestId('triage-notes')).toHaveTextContent(
      'pools without nodes are judged from the machine catalog',
    );
    expect(screen.getAllByTestId('triage-group').map(g => g.getAttribute('data-signature'))).toEqual([
      's1',
      's2',
      's3',
      'placed',
    ]);
    expect(screen.getAllByTestId('triage-pod')).toHaveLength(PROD_REPORT.pods.length);
  });

  it('puts the scheduler message beside the verdict matrix and the fix', async () => {
    await renderRouter('/nodepools/triage?cluster=prod-use1', api());
    await screen.findByTestId('triage-report');
    const s1 = group('s1');

    expect(within(s1).getAllByTestId('triage-pod').map(p => p.textContent)).toEqual([
      'payments/api-7c9f8d6b5-2xk4pUnscheduled',
      'payments/api-7c9f8d6b5-9qwrtUnscheduled',
      'payments/api-7c9f8d6b5-lm3zcUnscheduled',
    ]);
    expect(within(s1).getAllByTestId('triage-request').map(c => c.textContent)).toEqual([
      'cpu 1.5',
      'memory 2Gi',
    ]);
    expect(within(s1).getByTestId('triage-scheduler-raw').textContent).toBe(API_SCHEDULER_MESSAGE);
    const summary = within(s1).getByTestId('triage-scheduler-summary');
    expect(summary).toHaveTextContent('0 of 11 nodes available');
    expect(within(summary).getAllByRole('listitem').map(li => li.textContent)).toEqual([
      '2 node(s) had untolerated taint {workload: batch}',
      '3 Insufficient cpu',
      '6 node(s) had untolerated taint {spot: true}',
    ]);

    const matrix = within(s1).getByRole('table', { name: 'Verdicts for s1' });
    expect(within(s1).getByTestId('triage-matrix')).toContainElement(matrix);
    const headerCodes = [...matrix.querySelectorAll('thead th[data-code]')].map(th =>
      th.getAttribute('data-code'),
    );
    expect(headerCodes).toEqual(['fits-now', 'fits-after-scale-up', 'taint', 'insufficient:cpu', 'max-size']);
    const poolOrder = [...matrix.querySelectorAll('tbody tr')].map(tr => tr.getAttribute('data-ref'));
    expect(poolOrder[0]).toBe(eksGeneral.ref);
    expect(within(matrix).getByRole('link', { name: 'ng-general' })).toHaveAttribute(
      'href',
      `/nodepools/pools/${encodeURIComponent(eksGeneral.ref)}`,
    );
    const status = (pool: string, code: string) => cell(matrix, pool, code).getAttribute('data-status');
    expect(status('ng-general', 'fits-now')).toBe('blocker');
    expect(status('ng-general', 'fits-after-scale-up')).toBe('pass');
    expect(status('ng-general', 'insufficient:cpu')).toBe('blocker');
    expect(status('ng-general', 'taint')).toBe('pass');
    expect(status('ng-spot-arm', 'taint')).toBe('blocker');
    expect(status('ng-batch', 'taint')).toBe('blocker');
    expect(status('ng-batch', 'max-size')).toBe('blocker');
    expect(within(matrix.querySelector('tbody tr')!).getByText('Suggested')).toBeInTheDocument();

    await userEvent.hover(within(cell(matrix, 'ng-general', 'insufficient:cpu')).getByText('blocked'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'on 3 nodes: Insufficient cpu: requests 1.5, free at most 900m of 3.92 allocatable',
    );

    const fix = within(s1).getByTestId('triage-fix');
    expect(fix).toHaveAttribute('data-kind', 'wait-for-scale-up');
    expect(within(fix).getByTestId('triage-fix-kind')).toHaveTextContent('Wait for scale-up');
    expect(fix).toHaveTextContent('pool ng-general can add a node (m6i.xlarge)');
  });

  it('gives the toleration to add as YAML', async () => {
    await renderRouter('/nodepools/triage?cluster=prod-use1', api());
    await screen.findByTestId('triage-report');
    const s2 = group('s2');
    expect(within(s2).getByTestId('triage-constraint')).toHaveTextContent(
      'nodeSelector kubernetes.io/arch=amd64',
    );
    expect(within(s2).getByText('No FailedScheduling event was recorded for these pods.')).toBeInTheDocument();
    const fix = within(s2).getByTestId('triage-fix');
    expect(within(fix).getByTestId('triage-fix-kind')).toHaveTextContent('Add toleration');
    const snippet = within(fix).getByTestId('triage-fix-tolerations');
    await waitFor(() =>
      expect(snippet.textContent).toContain(
        [
          'tolerations:',
          '  - key: "workload"',
          '    operator: "Equal"',
          '    value: "batch"',
          '    effect: "NoSchedule"',
        ].join('\n'),
      ),
    );
    const matrix = within(s2).getByRole('table', { name: 'Verdicts for s2' });
    expect(cell(matrix, 'ng-general', 'fits-after-scale-up').getAttribute('data-status')).toBe('blocker');
  });

  it('shows scheduling gates, and placed pods starved of IP addresses', async () => {
    await renderRouter('/nodepools/triage?cluster=prod-use1', api());
    await screen.findByTestId('triage-report');

    const s3 = group('s3');
    expect(within(s3).getByText('gate example.com/rollout-approval')).toBeInTheDocument();
    expect(within(s3).getByTestId('triage-scheduler-raw')).toHaveTextContent(
      'Scheduling is blocked due to non-empty scheduling gates',
    );
    expect(within(s3).queryByTestId('triage-scheduler-summary')).not.toBeInTheDocument();

    const placed = group('placed');
    const pod = within(placed).getByTestId('triage-pod');
    expect(pod).toHaveAttribute('data-state', 'ip-exhaustion');
    expect(within(pod).getByTestId('triage-pod-state')).toHaveTextContent('IP exhaustion');
    const matrix = within(placed).getByRole('table', { name: 'Verdicts for placed' });
    expect(cell(matrix, 'ng-general', 'ip-exhaustion').getAttribute('data-status')).toBe('blocker');
    expect(cell(matrix, 'ng-general', 'fits-after-scale-up').getAttribute('data-status')).toBe('na');
    await userEvent.hover(within(cell(matrix, 'ng-general', 'ip-exhaustion')).getByText('blocked'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(`on 1 node: ${IP_EXHAUSTION_MESSAGE}`);
    expect(within(placed).getByTestId('triage-fix-kind')).toHaveTextContent('IP exhaustion');
  });

  it('lists the items it skipped with object, field and message', async () => {
    await renderRouter('/nodepools/triage?cluster=prod-use1', api());
    const row = await screen.findByTestId('triage-skipped');
    const cells = within(row).getAllByRole('cell').map(c => c.textContent);
    expect(cells).toEqual([
      'Pod payments/broken-1 (pods item 7)',
      'spec.containers[0].resources.requests.memory',
      "invalid quantity '1 Gi': unknown suffix ' Gi'",
    ]);
  });

  it('proposes a new pool when no pool can ever take the pod', async () => {
    await renderRouter('/nodepools/triage?cluster=train-euw4', api());
    const spec = await screen.findByTestId('triage-fix-new-pool');
    expect(spec).toHaveTextContent('GKE');
    expect(spec).toHaveTextContent('a3-highgpu-8g');
    expect(spec).toHaveTextContent('linux/amd64');
    expect(spec).toHaveTextContent('cloud.google.com/gke-accelerator=nvidia-h100-80gb');
    expect(within(spec).getByTestId('taint')).toHaveTextContent('nvidia.com/gpu=present:NoSchedule');
    expect(spec).toHaveTextContent('europe-west4-b');
    const matrix = screen.getByRole('table', { name: 'Verdicts for s1' });
    expect(cell(matrix, 'gpu-l4', 'insufficient:nvidia.com/gpu').getAttribute('data-status')).toBe('blocker');
    expect(screen.queryByTestId('triage-count-ip-exhaustion')).not.toBeInTheDocument();
  });

  it('says so when a cluster has no pending pods', async () => {
    await renderRouter('/nodepools/triage?cluster=edge-nyc1', api());
    expect(await screen.findByText('No pending pods')).toBeInTheDocument();
    expect(count('pending')).toBe('0');
    expect(screen.queryByTestId('triage-group')).not.toBeInTheDocument();
  });

  it('explains a cluster without a triage, and why its collection failed', async () => {
    await renderRouter('/nodepools/triage?cluster=shop-weu', api());
    expect(await screen.findByText('No triage for shop-weu')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Error: The last collection of shop-weu failed');
    expect(
      screen.getByText(/User "nodepools" cannot list resource "pods" at the cluster scope/),
    ).toBeInTheDocument();
  });

  it('switches cluster from the picker, keeping the choice in the URL', async () => {
    await renderRouter('/nodepools/triage?cluster=prod-use1', api());
    await screen.findByTestId('triage-report');
    await userEvent.click(screen.getByRole('textbox', { name: 'Cluster' }));
    const options = await screen.findAllByTestId('triage-cluster-option');
    expect(options[1]).toHaveTextContent('train-euw4');
    expect(options[1]).toHaveTextContent('gke · europe-west4 · ml-train · 1 pending · collected');
    expect(options[3]).toHaveTextContent('last collection failed');
    await userEvent.click(options[1]);
    await waitFor(() => expect(search().get('cluster')).toBe('gke/ml-train/europe-west4/train-euw4'));
    await waitFor(() =>
      expect(screen.getByTestId('triage-report')).toHaveAttribute('data-cluster', 'train-euw4'),
    );
  });

  describe('with two clusters of one name in two regions', () => {
    const [prod] = TRIAGES;
    const west = {
      ...prod,
      clusterRef: 'eks/111122223333/us-west-2/prod-use1',
      region: 'us-west-2',
      report: { ...prod.report, pods: prod.report.pods.slice(0, 1) },
    };
    const twins = () => new FakeNodePoolsApi([], {}, {}, [], { reports: [prod, west] });

    it('tells them apart by region in the table and the picker, and links each by its ref', async () => {
      await renderRouter('/nodepools/triage', twins());
      await screen.findByText('Clusters with pending-pod triage');
      const rows = screen.getAllByRole('row').slice(1);
      expect(rows.map(row => row.textContent)).toEqual([
        expect.stringContaining('eks · us-east-1 · 111122223333'),
        expect.stringContaining('eks · us-west-2 · 111122223333'),
      ]);
      await userEvent.click(within(rows[1]).getByRole('link', { name: 'prod-use1' }));
      await waitFor(() => expect(search().get('cluster')).toBe(west.clusterRef));
      expect(await screen.findAllByTestId('triage-pod')).toHaveLength(1);
      expect(screen.getByRole('textbox', { name: 'Cluster' })).toHaveValue('prod-use1 (eks · us-west-2 · 111122223333)');

      await userEvent.click(screen.getByRole('textbox', { name: 'Cluster' }));
      const options = await screen.findAllByTestId('triage-cluster-option');
      expect(options.map(o => o.getAttribute('data-ref'))).toEqual([prod.clusterRef, west.clusterRef]);
      await userEvent.click(options[0]);
      await waitFor(() => expect(search().get('cluster')).toBe(prod.clusterRef));
      await waitFor(() => expect(screen.getAllByTestId('triage-pod')).toHaveLength(prod.report.pods.length));
    });

    it('answers a link by bare name with a link to each cluster it may mean', async () => {
      await renderRouter('/nodepools/triage?cluster=prod-use1', twins());
      const choices = await screen.findByTestId('triage-ambiguous-cluster');
      expect(screen.getByText(/2 clusters are named prod-use1: pick one/)).toBeInTheDocument();
      const links = within(choices).getAllByRole('link');
      expect(links.map(link => link.textContent)).toEqual([
        'prod-use1 (eks · us-east-1 · 111122223333)',
        'prod-use1 (eks · us-west-2 · 111122223333)',
      ]);
      await userEvent.click(links[1]);
      await waitFor(() => expect(search().get('cluster')).toBe(west.clusterRef));
      expect(await screen.findAllByTestId('triage-pod')).toHaveLength(1);
    });
  });

  it('shows why the clusters could not be loaded', async () => {
    const failing = api();
    failing.failure = new Error('backend unavailable');
    await renderRouter('/nodepools/triage', failing);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Error: The clusters with a triage could not be loaded');
    expect(alert).toHaveTextContent('backend unavailable');
  });

  it('offers the analysis of kubectl JSON when no cluster has a triage', async () => {
    await renderRouter('/nodepools/triage', new FakeNodePoolsApi([], {}, {}, [], {}));
    expect(await screen.findByText('No cluster has a triage yet')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Analyze kubectl JSON' }));
    expect(await screen.findByRole('form', { name: 'Analyze kubectl JSON' })).toBeInTheDocument();
  });

  it('shows the pools whose reasons were left out by what their verdict says', async () => {
    // As an analysis past its maxExplained limit writes s1: only its first pool explained.
    const [first] = PROD_REPORT.signatures;
    const limited: TriageReport = {
      ...PROD_REPORT,
      signatures: [{ ...first, verdicts: first.verdicts.slice(0, 1) }, ...PROD_REPORT.signatures.slice(1)],
    };
    await renderRouter('/nodepools/triage?cluster=prod-use1', api([{ ...TRIAGES[0], report: limited }]));
    await screen.findByTestId('triage-report');
    const matrix = within(group('s1')).getByTestId('triage-matrix');
    expect(within(matrix).getAllByRole('row')).toHaveLength(2);
    expect(within(matrix).getByRole('link', { name: PROD_REPORT.pools[0].pool })).toBeInTheDocument();
    // s1 (three api pods) fits pool 0 after a scale-up only: the other two pools take it neither way.
    expect(first.fits).toBe('100');
    expect(within(group('s1')).getByTestId('triage-unexplained')).toHaveTextContent(
      '2 pools more, shown without reasons (the analysis explains a limited number of verdicts): 2 pools cannot take them.',
    );
    expect(within(group('s2')).queryByTestId('triage-unexplained')).not.toBeInTheDocument();
  });

  it('keeps large clusters light: pods and signature groups are shown in slices', async () => {
    const base = PROD_REPORT.pods[0];
    const pods: TriagePod[] = [];
    const signatures: TriageReport['signatures'] = [];
    const groupCount = GROUPS_SHOWN + 5;
    for (let g = 0; g < groupCount; g++) {
      const size = g === 0 ? PODS_SHOWN + 10 : 1;
      signatures.push({ ...PROD_REPORT.signatures[0], id: `s${g + 1}`, pods: size, requests: { cpu: '1' }, summary: [] });
      for (let i = 0; i < size; i++) {
        pods.push({ ...base, name: `job-${g}-${i}`, signature: `s${g + 1}` });
      }
    }
    const big: TriageReport = { ...PROD_REPORT, pods, signatures, skipped: [], notes: [] };
    await renderRouter(
      '/nodepools/triage?cluster=prod-use1',
      api([{ ...TRIAGES[0], report: big }]),
    );
    await screen.findByTestId('triage-report');
    expect(screen.getAllByTestId('triage-group')).toHaveLength(GROUPS_SHOWN);
    expect(within(group('s1')).getAllByTestId('triage-pod')).toHaveLength(PODS_SHOWN);

    await userEvent.click(within(group('s1')).getByRole('button', { name: `Show all ${PODS_SHOWN + 10} pods` }));
    expect(within(group('s1')).getAllByTestId('triage-pod')).toHaveLength(PODS_SHOWN + 10);
    await userEvent.click(screen.getByRole('button', { name: 'Show 5 more of 5 signature groups' }));
    expect(screen.getAllByTestId('triage-group')).toHaveLength(groupCount);
  });
});

import { randomCluster } from '../../testing/randomCluster';
import { analyzeClusterInput, analyzePendingPods } from '../analyze';
import { TriageLimitError, type TriageLimits } from '../limits';
import { TriageBodyError, TriageBodyReader } from './bodyReader';

/** Reads a body in chunks of `size` bytes, as a request stream hands it over. */
function readBody(body: unknown, size = 4096, limits?: TriageLimits): TriageBodyReader {
  const reader = new TriageBodyReader(limits);
  const bytes = new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
  for (let i = 0; i < bytes.length; i += size) reader.write(bytes.subarray(i, i + size));
  reader.end();
  return reader;
}

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('TriageBodyReader', () => {
  it.each([1001, 1008, 1021])('random cluster %i: a streamed body gives the same report as the whole input', seed => {
    const input = randomCluster(seed);
    const reader = readBody({ ...input, pools: undefined }, 997);
    const streamed = analyzeClusterInput(reader.finish(input.pools), reader.skipped);
    expect(viaJson(streamed)).toEqual(viaJson(analyzePendingPods(input)));
  });

  it('counts pods and nodes against their limits while reading', () => {
    const input = randomCluster(1001);
    const pods = (input.pods as { items: unknown[] }).items.length;
    expect(() => readBody(input, 4096, { maxPods: pods - 1 })).toThrow(TriageLimitError);
    expect(() => readBody(input, 4096, { maxPods: pods - 1 })).toThrow(`more than ${(pods - 1).toLocaleString('en-US')} pods`);
    expect(() => readBody(input, 4096, { maxNodes: 1 })).toThrow('more than 1 nodes');
    expect(readBody(input, 4096, { maxPods: pods }).skipped).toEqual([]);
  });

  it('refuses a report of more signatures x pools than its limit, before evaluating', () => {
    const input = randomCluster(1001);
    const reader = readBody(input);
    const report = analyzePendingPods(input);
    const work = report.signatures.length * report.pools.length;
    expect(() => analyzeClusterInput(reader.finish(), reader.skipped, { limits: { maxWork: work - 1 } })).toThrow(
      expect.objectContaining({ limit: 'maxWork', amount: work }),
    );
  });

  it.each([
    [{ nodes: { items: [] } }, "Invalid field 'pods' in the request body: is required (the JSON of kubectl get pods -o json)"],
    [{ pods: 'all of them', nodes: [] }, "Invalid field 'pods' in the request body: must be an object or a list, got 'all of them'"],
    [{ pods: { items: {} }, nodes: [] }, "Invalid field 'pods' in the request body: pods: field 'items': must be a list"],
    [{ pods: [], nodes: [], pod: {} }, "Unknown field 'pod' in the request body; expected cluster, pods, nodes, events"],
    [{ pods: [], nodes: [], cluster: 7 }, "Invalid field 'cluster' in the request body: must be a cluster ref or name"],
    [{ pods: [], nodes: [], pools: [1] }, "Invalid field 'pools' in the request body: must be a list of pools"],
  ])('refuses %j naming the field', (body, message) => {
    expect(() => readBody(body)).toThrow(TriageBodyError);
    expect(() => readBody(body)).toThrow(message);
  });

  it('takes an empty List and one object of the kind as lists', () => {
    const reader = readBody({
      pods: { kind: 'List', items: [] },
      nodes: { kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '1', pods: '10' } } },
    });
    expect(reader.finish().nodes.map(n => n.name)).toEqual(['n1']);
  });
});

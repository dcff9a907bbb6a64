import { BodySplitter, BodySyntaxError } from './bodySplitter';

const STREAMED = new Set(['pods', 'nodes']);

/** Splits `body` fed in chunks of `size` characters; returns what was handed over. */
function split(body: string, size: number) {
  const parts: Array<[string, string, unknown]> = [];
  const splitter = new BodySplitter(STREAMED, {
    list: field => parts.push(['list', field, undefined]),
    item: (field, item, index) => parts.push(['item', `${field}[${index}]`, item]),
    value: (field, value) => parts.push(['value', field, value]),
  });
  const bytes = new TextEncoder().encode(body);
  for (let i = 0; i < bytes.length; i += size) splitter.write(bytes.subarray(i, i + size));
  splitter.end();
  return parts;
}

const BODY = JSON.stringify({
  cluster: 'prod "eu" é',
  pods: { apiVersion: 'v1', kind: 'List', items: [{ metadata: { name: 'a}]' } }, 7, 'x', null, [1, [2]]] },
  limit: 12.5e3,
  nodes: [{ metadata: { name: 'n1' } }, true],
  pools: [{ name: 'p' }],
  empty: {},
});

describe('BodySplitter', () => {
  it.each([1, 2, 3, 7, 64, 100_000])('hands over the same parts whatever the chunk size (%i bytes)', size => {
    expect(split(BODY, size)).toEqual([
      ['value', 'cluster', 'prod "eu" é'],
      ['list', 'pods', undefined],
      ['item', 'pods[0]', { metadata: { name: 'a}]' } }],
      ['item', 'pods[1]', 7],
      ['item', 'pods[2]', 'x'],
      ['item', 'pods[3]', null],
      ['item', 'pods[4]', [1, [2]]],
      ['value', 'limit', 12500],
      ['list', 'nodes', undefined],
      ['item', 'nodes[0]', { metadata: { name: 'n1' } }],
      ['item', 'nodes[1]', true],
      ['value', 'pools', [{ name: 'p' }]],
      ['value', 'empty', {}],
    ]);
  });

  it('gives a streamed field without an items list whole, for the reader to judge', () => {
    expect(split('{"pods": {"kind": "Pod", "metadata": {"name": "a"}}, "nodes": "all"}', 5)).toEqual([
      ['value', 'pods', { kind: 'Pod', metadata: { name: 'a' } }],
      ['value', 'nodes', 'all'],
    ]);
  });

  it.each([
    ['', 'it ends before the top object is closed'],
    ['[]', 'expected an object at character 0'],
    ['{"pods": [1,,2]}', "unexpected ','"],
    ['{"pods": [{"a": 1} {"b": 2}]}', "expected ',' or ']'"],
    ['{"pods": [{"a": }]}', 'item 0 of pods'],
    ['{"cluster": "a" "nodes": []}', "expected ',' or '}'"],
    ['{"pods": []} x', 'unexpected text after the top object'],
    ['{"pods": [', 'it ends before the top object is closed'],
  ])('rejects %j: %s', (body, message) => {
    expect(() => split(body, 3)).toThrow(BodySyntaxError);
    expect(() => split(body, 3)).toThrow(message);
  });
});

import { issuesOf } from './__fixtures__';
import { readDocuments } from './documents';

const ctx = { file: 'export.json' };
const messages = (text: string) => issuesOf(() => readDocuments(text, ctx)).map(i => i.message);

describe('readDocuments', () => {
  it('reads one JSON document, ignoring a byte order mark', () => {
    expect(readDocuments('\uFEFF{"nodePools": []}', ctx)).toEqual([{ nodePools: [] }]);
  });

  it('reads every non-empty YAML document', () => {
    const text = '# pools\n---\nkind: A\n---\n---\nkind: B\n';
    expect(readDocuments(text, ctx)).toEqual([{ kind: 'A' }, { kind: 'B' }]);
  });

  it('rejects an empty export', () => {
    expect(issuesOf(() => readDocuments(' \n\t', ctx))).toEqual([
      { file: 'export.json', message: 'the export is empty' },
    ]);
    expect(messages('# nothing but a comment\n---\n')).toEqual(['the export is empty']);
  });

  it('gives the line and column of invalid JSON', () => {
    expect(messages('{"a": 1,\n  "b" 2}')).toEqual(['invalid JSON at line 2, column 7: Unexpected number']);
    expect(messages('{\n  "pools": tru\n}')).toEqual([
      "invalid JSON at line 2, column 12: Unexpected token '\\n'",
    ]);
    expect(messages('{"a": x}')).toEqual(["invalid JSON at line 1, column 7: Unexpected token 'x'"]);
  });

  it('gives the line and column of invalid YAML', () => {
    expect(messages('items:\n  - a: [1\nb: 2')).toEqual([
      'invalid YAML at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(messages('metadata:\n  name: a\n  name: b\n')).toEqual([
      'invalid YAML at line 3, column 3: Map keys must be unique',
    ]);
  });
});

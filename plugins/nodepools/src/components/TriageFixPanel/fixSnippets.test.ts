import { nodeSelectorYaml, tolerationsYaml } from './fixSnippets';

describe('tolerationsYaml', () => {
  it('writes one list item per toleration, values quoted so that "true" stays a string', () => {
    expect(
      tolerationsYaml([
        { key: 'workload', operator: 'Equal', value: 'batch', effect: 'NoSchedule' },
        { key: 'spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ]),
    ).toBe(
      [
        'tolerations:',
        '  - key: "workload"',
        '    operator: "Equal"',
        '    value: "batch"',
        '    effect: "NoSchedule"',
        '  - key: "spot"',
        '    operator: "Equal"',
        '    value: "true"',
        '    effect: "NoSchedule"',
        '  - key: "node.kubernetes.io/not-ready"',
        '    operator: "Exists"',
        '    effect: "NoExecute"',
        '    tolerationSeconds: 300',
      ].join('\n'),
    );
  });

  it('keeps a tolerate-everything toleration and escapes odd values', () => {
    expect(tolerationsYaml([{ operator: 'Exists' }, {}, { key: 'a', value: 'say "hi"\n' }])).toBe(
      [
        'tolerations:',
        '  - operator: "Exists"',
        '  - {}',
        '  - key: "a"',
        '    value: "say \\"hi\\"\\n"',
      ].join('\n'),
    );
  });
});

describe('nodeSelectorYaml', () => {
  it('leaves label keys plain and quotes the values', () => {
    expect(
      nodeSelectorYaml({ 'eks.amazonaws.com/nodegroup': 'ng-batch', 'kubernetes.io/arch': 'arm64' }),
    ).toBe(
      [
        'nodeSelector:',
        '  eks.amazonaws.com/nodegroup: "ng-batch"',
        '  kubernetes.io/arch: "arm64"',
      ].join('\n'),
    );
  });

  it('quotes a key YAML would misread', () => {
    expect(nodeSelectorYaml({ 'odd key: yes': 'x' })).toBe('nodeSelector:\n  "odd key: yes": "x"');
    expect(nodeSelectorYaml({})).toBe('nodeSelector: {}');
  });
});

import type { Toleration } from '@nodepools/plugin-nodepools-common';

/** Keys YAML reads as plain strings: label keys such as `kubernetes.io/arch`. */
const PLAIN_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/**
 * Values are always double-quoted, in JSON's escaping (valid YAML): `true`,
 * `1.0` or `yes` stay strings, which is what Kubernetes expects of label and
 * toleration values.
 */
function quoted(value: string): string {
  return JSON.stringify(value);
}

function key(name: string): string {
  return PLAIN_KEY.test(name) ? name : quoted(name);
}

/** The `tolerations:` block to add to the pod spec. */
export function tolerationsYaml(tolerations: Toleration[]): string {
  const lines = ['tolerations:'];
  for (const toleration of tolerations) {
    const fields: Array<[string, string]> = [];
    if (toleration.key !== undefined) fields.push(['key', quoted(toleration.key)]);
    if (toleration.operator) fields.push(['operator', quoted(toleration.operator)]);
    if (toleration.value !== undefined) fields.push(['value', quoted(toleration.value)]);
    if (toleration.effect) fields.push(['effect', quoted(toleration.effect)]);
    if (toleration.tolerationSeconds !== undefined) {
      fields.push(['tolerationSeconds', String(toleration.tolerationSeconds)]);
    }
    if (fields.length === 0) {
      lines.push('  - {}');
      continue;
    }
    fields.forEach(([name, value], index) =>
      lines.push(`${index === 0 ? '  - ' : '    '}${name}: ${value}`),
    );
  }
  return lines.join('\n');
}

/** The `nodeSelector:` block that replaces the pod's own. */
export function nodeSelectorYaml(selector: Record<string, string>): string {
  const entries = Object.entries(selector);
  if (entries.length === 0) return 'nodeSelector: {}';
  return ['nodeSelector:', ...entries.map(([k, v]) => `  ${key(k)}: ${quoted(v)}`)].join('\n');
}

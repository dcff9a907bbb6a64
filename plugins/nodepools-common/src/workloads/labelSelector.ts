/**
 * Kubernetes label selectors (`app=web,tier in (front,back),!canary`), as
 * `kubectl -l` and Backstage's `backstage.io/kubernetes-label-selector`
 * write them: comma-separated requirements, each one of `key`, `!key`,
 * `key=value`, `key==value`, `key!=value`, `key in (a,b)`, `key notin (a,b)`.
 * Numeric `>`/`<` requirements (node selectors only) are refused.
 */

export type SelectorOperator = 'exists' | 'not-exists' | 'in' | 'not-in';

export interface SelectorRequirement {
  key: string;
  operator: SelectorOperator;
  /** For `in` and `not-in`: `=` and `==` are `in` one value, `!=` is `not-in` one value. */
  values: string[];
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Throws when a label key is not one Kubernetes accepts: `[prefix/]name`. */
function checkKey(key: string, selector: string): void {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
  if (!prefixOk || name.length > 63 || !NAME.test(name)) {
    throw new Error(`label selector '${selector}': '${key}' is not a label key`);
  }
}

function checkValue(value: string, selector: string): void {
  if (value !== '' && (value.length > 63 || !NAME.test(value))) {
    throw new Error(`label selector '${selector}': '${value}' is not a label value`);
  }
}

/** Splits at commas outside parentheses. */
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (depth < 0) throw new Error(`label selector '${selector}': unbalanced ')'`);
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (depth !== 0) throw new Error(`label selector '${selector}': unbalanced '('`);
  parts.push(current);
  return parts.map(part => part.trim());
}

const SET = /^(\S+)\s+(in|notin)\s*\((.*)\)$/;
const EQUALITY = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/;

function parseRequirement(text: string, selector: string): SelectorRequirement {
  if (!text) throw new Error(`label selector '${selector}': an empty requirement`);
  const set = SET.exec(text);
  if (set) {
    const [, key, op, list] = set;
    const values = list.split(',').map(v => v.trim());
    checkKey(key, selector);
    values.forEach(v => checkValue(v, selector));
    return { key, operator: op === 'in' ? 'in' : 'not-in', values };
  }
  if (/[<>]/.test(text)) {
    throw new Error(`label selector '${selector}': '${text}': only =, ==, !=, in, notin and existence are supported`);
  }
  const equality = EQUALITY.exec(text);
  if (equality) {
    const [, key, op, rawValue] = equality;
    const value = rawValue.trim();
    checkKey(key, selector);
    checkValue(value, selector);
    return { key, operator: op === '!=' ? 'not-in' : 'in', values: [value] };
  }
  if (text.startsWith('!')) {
    const key = text.slice(1).trim();
    checkKey(key, selector);
    return { key, operator: 'not-exists', values: [] };
  }
  checkKey(text, selector);
  return { key: text, operator: 'exists', values: [] };
}

/** Reads a label selector; throws an Error naming the selector and what is wrong. */
export function parseLabelSelector(selector: string): SelectorRequirement[] {
  if (!selector.trim()) throw new Error('label selector is empty');
  return splitRequirements(selector).map(part => parseRequirement(part, selector));
}

/** Whether labels satisfy every requirement. */
export function matchesSelector(
  requirements: readonly SelectorRequirement[],
  labels: Record<string, string>,
): boolean {
  return requirements.every(({ key, operator, values }) => {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case 'exists':
        return has;
      case 'not-exists':
        return !has;
      case 'in':
        return has && values.includes(labels[key]);
      case 'not-in':
        return !has || !values.includes(labels[key]);
      default:
        return false;
    }
  });
}

/** Writes requirements back as a selector, in the form `kubectl` prints. */
export function formatLabelSelector(requirements: readonly SelectorRequirement[]): string {
  return requirements
    .map(({ key, operator, values }) => {
      switch (operator) {
        case 'exists':
          return key;
        case 'not-exists':
          return `!${key}`;
        case 'in':
          return values.length === 1 ? `${key}=${values[0]}` : `${key} in (${values.join(',')})`;
        default:
          return values.length === 1 ? `${key}!=${values[0]}` : `${key} notin (${values.join(',')})`;
      }
    })
    .join(',');
}

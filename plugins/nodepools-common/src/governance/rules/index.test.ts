import { readFileSync } from 'fs';
import { join } from 'path';
import { GOVERNANCE_RULES } from '../types';
import { RULES, governanceRule } from '.';

describe('governance rules', () => {
  it('one rule per id, in the order of GOVERNANCE_RULES, each in a module named by its id', () => {
    expect(RULES.map(r => r.id)).toEqual([...GOVERNANCE_RULES]);
    for (const id of GOVERNANCE_RULES) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(`./${id}`) as Record<string, unknown>;
      expect(Object.values(module)).toContain(governanceRule(id));
    }
  });

  it('the severity table of rules/index.ts lists every rule with its usual severity', () => {
    const source = readFileSync(join(__dirname, 'index.ts'), 'utf8');
    for (const rule of RULES) {
      const line = source.split('\n').find(l => l.includes(`| \`${rule.id}\``));
      expect([rule.id, line?.split('|')[3].trim().startsWith(rule.severity) ?? false]).toEqual([rule.id, true]);
    }
  });
});

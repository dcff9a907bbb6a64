import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { openDriftRule } from './open-drift';

describe('open-drift', () => {
  it.each([
    [0, []],
    [1, ['Pool general in prod has 1 open drift finding.']],
    [4, ['Pool general in prod has 4 open drift findings.']],
  ])('%d open findings', (openDrift, messages) => {
    expect(runRule(openDriftRule, govInput([govPool({}, { openDrift })])).map(f => f.message)).toEqual(messages);
  });
});

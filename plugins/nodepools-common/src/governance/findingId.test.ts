import { findingId } from '../drift/findingId';
import { governanceFindingId } from './findingId';

describe('governanceFindingId', () => {
  it('is stable, short and differs by rule and subject', () => {
    const id = governanceFindingId('no-owner', 'eks/1/r/prod/web');
    expect(id).toMatch(/^gov-[0-9a-f]{16}$/);
    expect(governanceFindingId('no-owner', 'eks/1/r/prod/web')).toBe(id);
    expect(governanceFindingId('fixed-size', 'eks/1/r/prod/web')).not.toBe(id);
    expect(governanceFindingId('no-owner', 'eks/1/r/prod/api')).not.toBe(id);
  });

  it('never equals a drift finding id', () => {
    expect(governanceFindingId('no-owner', 'x')).not.toBe(findingId({ ref: 'x', field: 'no-owner', cause: 'governance' }));
  });
});

import { InvalidCursorError } from './errors';
import { decodeFindingCursor, encodeFindingCursor } from './findingCursor';

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('finding cursors', () => {
  it('read back what they wrote', () => {
    const cursor = { rank: 2, ref: 'eks/1/us-east-1/prod/general', id: 'gov-0123' };
    expect(decodeFindingCursor(encodeFindingCursor(cursor), 3)).toEqual(cursor);
  });

  it.each([
    ['a rank past the severities', raw([3, 'r', 'i'])],
    ['a negative rank', raw([-1, 'r', 'i'])],
    ['a NUL in the ref, which PostgreSQL refuses', raw([0, 'r\u0000', 'i'])],
    ['a missing id', raw([0, 'r'])],
    ['no JSON at all', 'not-a-cursor'],
  ])('refuse %s', (_, text) => {
    expect(() => decodeFindingCursor(text, 3)).toThrow(InvalidCursorError);
  });
});

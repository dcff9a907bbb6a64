import { thrownBy } from './__fixtures__';
import { describeValue, RecordReader } from './fields';
import { ItemFieldError, ItemFieldErrors } from './types';

describe('describeValue', () => {
  it.each([
    ['three', '"three"'],
    [3, '3'],
    [false, 'false'],
    [null, 'null'],
    [[1], 'an array'],
    [{}, 'an object'],
    ['x'.repeat(80), `"${'x'.repeat(57)}..."`],
  ])('describes %p as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe('RecordReader', () => {
  it('reads null as absent and records nothing for absent fields', () => {
    const r = RecordReader.forItem({ a: null }, 'a record');
    expect([r.string('a'), r.integer('a'), r.stringMap('a'), r.object('a'), r.has('a')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      false,
    ]);
    expect(() => r.finish()).not.toThrow();
  });

  it('accepts integers written as decimal strings only when asked', () => {
    const r = RecordReader.forItem({ n: '110' }, 'a record');
    expect(r.integer('n', { decimalString: true })).toBe(110);
    expect(r.integer('n')).toBeUndefined();
    expect(thrownBy(() => r.finish())).toMatchObject({
      field: 'n',
      message: 'expected a non-negative integer, got "110"',
    });
  });

  it('builds dotted and indexed paths for nested fields', () => {
    const record = { a: { b: [{ c: 1 }, 'x'], m: { k: true } }, list: ['ok', 2] };
    const r = RecordReader.forItem(record, 'a record');
    const a = r.object('a');
    a?.objectArray('b')?.forEach(entry => entry.string('c'));
    a?.stringMap('m');
    expect(r.stringArray('list')).toEqual(['ok']);

    const error = thrownBy(() => r.finish());
    expect(error).toBeInstanceOf(ItemFieldErrors);
    expect((error as ItemFieldErrors).problems.map(p => [p.field, p.message])).toEqual([
      ['a.b[1]', 'expected an object, got "x"'],
      ['a.b[0].c', 'expected a string, got 1'],
      ['a.m.k', 'expected a string, got true'],
      ['list[1]', 'expected a string, got 2'],
    ]);
    expect((error as ItemFieldErrors).message).toContain("field 'a.b[1]': expected an object");
  });

  it('throws a lone problem as a plain ItemFieldError', () => {
    const r = RecordReader.forItem({}, 'a record');
    expect(r.requiredString('name')).toBe('');
    const error = thrownBy(() => r.finish());
    expect(error).toBeInstanceOf(ItemFieldError);
    expect(error).not.toBeInstanceOf(ItemFieldErrors);
    expect(error).toMatchObject({ field: 'name', message: 'is required' });
  });

  it('matches open enumerations regardless of case and warns about values it does not know', () => {
    const known = { Spot: 'spot', Regular: 'regular' } as const;
    const r = RecordReader.forItem({ a: 'spot', b: 'SPOT', c: 'Economy', d: 3 }, 'a record');
    const nested = RecordReader.forItem({ p: { c: 'Premium' } }, 'a record');

    expect([r.openEnum('a', known, 'Regular'), r.openEnum('b', known, 'Regular')]).toEqual(['spot', 'spot']);
    expect(r.openEnum('c', known, 'Regular')).toBeUndefined();
    expect(r.openEnum('missing', known, 'Regular')).toBeUndefined();
    nested.object('p')?.openEnum('c', known, 'Regular');

    expect(r.fieldWarnings()).toEqual([
      { field: 'c', message: 'unknown value "Economy" (known: Spot, Regular): read as Regular' },
    ]);
    expect(nested.fieldWarnings()).toEqual([
      { field: 'p.c', message: 'unknown value "Premium" (known: Spot, Regular): read as Regular' },
    ]);
    // A value of the wrong type is still an error, not a warning.
    expect(r.openEnum('d', known, 'Regular')).toBeUndefined();
    expect(thrownBy(() => r.finish())).toMatchObject({ field: 'd', message: 'expected a string, got 3' });
  });
});

import {
  QuantityParseError,
  parseQuantity,
  quantityToInteger,
  quantityToMilli,
} from './parse';

describe('parseQuantity', () => {
  it.each([
    ['a whole number of cores', '2', 2],
    ['millicores', '100m', 0.1],
    ['a decimal', '0.5', 0.5],
    ['a decimal with no leading digit', '.5', 0.5],
    ['a decimal with no trailing digit', '5.', 5],
    ['a plus sign', '+3', 3],
    ['a minus sign', '-3', -3],
    ['kibibytes', '1Ki', 1024],
    ['mebibytes', '128Mi', 128 * 2 ** 20],
    ['fractional gibibytes', '1.5Gi', 1.5 * 2 ** 30],
    ['tebibytes', '1Ti', 2 ** 40],
    ['pebibytes', '1Pi', 2 ** 50],
    ['exbibytes', '1Ei', 2 ** 60],
    ['kilo', '2k', 2000],
    ['mega', '1M', 1e6],
    ['giga', '1G', 1e9],
    ['tera', '1T', 1e12],
    ['peta', '1P', 1e15],
    ['exa, when E stands alone', '1E', 1e18],
    ['a lowercase exponent', '1e3', 1000],
    ['an uppercase exponent', '1E3', 1000],
    ['a negative exponent', '1e-3', 0.001],
    ['an explicitly positive exponent', '12e+2', 1200],
    ['a JSON number', 4, 4],
    ['a fractional JSON number', 0.25, 0.25],
  ])('reads %s (%p)', (_name, input, expected) => {
    expect(parseQuantity(input)).toBeCloseTo(expected, 12);
  });

  it.each([
    ['an empty string', ''],
    ['a sign alone', '-'],
    ['a lowercase kibi suffix', '1ki'],
    ['a suffix alone', 'Mi'],
    ['an exponent with no digits', '1e'],
    ['a fractional exponent', '1e1.5'],
    ['two decimal points', '1.2.3'],
    ['a space before the suffix', '1 Gi'],
    ['a leading space', ' 1'],
    ['a hexadecimal number', '0x10'],
    ['a unit word', '1GB'],
  ])('rejects %s and names the string', (_name, input) => {
    expect(() => parseQuantity(input)).toThrow(QuantityParseError);
    expect(() => parseQuantity(input)).toThrow(`'${input}'`);
  });
});

describe('quantityToMilli', () => {
  it.each([
    ['0.1 core is exactly 100 millicores', '0.1', 100],
    ['100m is 100 millicores', '100m', 100],
    ['1.5 cores is 1500 millicores', '1.5', 1500],
    ['a sub-millicore amount rounds up', '0.0001', 1],
    ['an exponent scales the value', '2e-3', 2],
    ['a negative amount rounds away from zero', '-0.0001', -1],
  ])('%s', (_name, input, expected) => {
    expect(quantityToMilli(input)).toBe(expected);
  });
});

describe('quantityToInteger', () => {
  it.each([
    ['Ki is 1024 bytes', '1Ki', 1024],
    ['1.5Gi is an exact number of bytes', '1.5Gi', 1610612736],
    ['a fraction of a byte rounds up', '0.5', 1],
    ['millis round up to one', '1m', 1],
    ['a decimal kilo amount is exact', '1.001k', 1001],
    ['kubelet memory in Ki', '7408576Ki', 7408576 * 1024],
  ])('%s', (_name, input, expected) => {
    expect(quantityToInteger(input)).toBe(expected);
  });
});

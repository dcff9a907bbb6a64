/**
 * Kubernetes resource quantities (`100m`, `1.5Gi`, `1e3`, `2k`...), parsed
 * with the grammar of apimachinery's `resource.Quantity`:
 *
 *   quantity        ::= signedNumber suffix
 *   suffix          ::= binarySI | decimalExponent | decimalSI
 *   binarySI        ::= Ki | Mi | Gi | Ti | Pi | Ei
 *   decimalSI       ::= m | "" | k | M | G | T | P | E
 *   decimalExponent ::= "e" signedInteger | "E" signedInteger
 *   number          ::= digits | digits "." digits | digits "." | "." digits
 *
 * `E` alone is exa; `E` followed by an integer is an exponent. The value is
 * kept exact (a big integer times powers of ten and two) so that rounding to
 * the scheduler's units (millicores, bytes) matches Kubernetes bit for bit:
 * `0.1` cpu is 100 millicores, never 100.00000000000001.
 */

/** A quantity string that is not in Kubernetes' grammar. */
export class QuantityParseError extends Error {
  readonly text: string;
  constructor(text: string, reason: string) {
    super(`invalid quantity '${text}': ${reason}`);
    this.name = 'QuantityParseError';
    this.text = text;
  }
}

/** The exact value `(negative ? -1 : 1) * digits * 10^decimalExponent * 2^binaryExponent`. */
export interface ExactQuantity {
  negative: boolean;
  digits: bigint;
  decimalExponent: number;
  binaryExponent: number;
}

const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};

const DECIMAL_SUFFIXES: Record<string, number> = {
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const NUMBER_AND_SUFFIX = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;
const EXPONENT_SUFFIX = /^[eE]([+-]?\d+)$/;

/** Kubernetes caps exponents far below this; it keeps BigInt math bounded. */
const MAX_ABS_EXPONENT = 1000;

/** Parses a quantity string (or a JSON number, which Kubernetes also accepts). */
export function parseExactQuantity(input: string | number): ExactQuantity {
  const text = typeof input === 'number' ? numberToQuantityText(input) : input;
  if (typeof text !== 'string') {
    throw new QuantityParseError(String(text), 'not a string');
  }
  const match = NUMBER_AND_SUFFIX.exec(text);
  if (!match) throw new QuantityParseError(text, 'not a number');
  const [, sign, whole, fraction = '', suffix] = match;
  if (whole === '' && fraction === '') {
    throw new QuantityParseError(text, 'no digits');
  }
  let decimalExponent = -fraction.length;
  let binaryExponent = 0;
  if (suffix in BINARY_SUFFIXES) {
    binaryExponent = BINARY_SUFFIXES[suffix];
  } else if (suffix in DECIMAL_SUFFIXES) {
    decimalExponent += DECIMAL_SUFFIXES[suffix];
  } else {
    const exponent = EXPONENT_SUFFIX.exec(suffix);
    if (!exponent) {
      throw new QuantityParseError(text, `unknown suffix '${suffix}'`);
    }
    const value = Number(exponent[1]);
    if (Math.abs(value) > MAX_ABS_EXPONENT) {
      throw new QuantityParseError(text, 'exponent out of range');
    }
    decimalExponent += value;
  }
  return {
    negative: sign === '-',
    digits: BigInt(`${whole}${fraction}` || '0'),
    decimalExponent,
    binaryExponent,
  };
}

function numberToQuantityText(value: number): string {
  if (!Number.isFinite(value)) {
    throw new QuantityParseError(String(value), 'not a finite number');
  }
  // String(1e21) is '1e+21', which the grammar accepts.
  return String(value);
}

/** Rounds the exact value times `10^scale` up to an integer, away from zero (Quantity.ScaledValue). */
export function scaledValue(q: ExactQuantity, scale: number): number {
  let numerator = q.digits;
  let denominator = 1n;
  const ten = q.decimalExponent + scale;
  if (ten >= 0) numerator *= 10n ** BigInt(ten);
  else denominator *= 10n ** BigInt(-ten);
  if (q.binaryExponent >= 0) numerator *= 1n << BigInt(q.binaryExponent);
  else denominator *= 1n << BigInt(-q.binaryExponent);
  let magnitude = numerator / denominator;
  if (magnitude * denominator !== numerator) magnitude += 1n;
  const result = Number(magnitude);
  return q.negative && result !== 0 ? -result : result;
}

/** The value as a float: cpu in cores, memory and storage in bytes. */
export function parseQuantity(input: string | number): number {
  const q = parseExactQuantity(input);
  const value =
    Number(q.digits) * 10 ** q.decimalExponent * 2 ** q.binaryExponent;
  return q.negative ? -value : value;
}

/**
 * Whole numbers with a common suffix (`250m`, `2`, `512Mi`, `4Gi`) are most
 * of what kubectl prints; they are read with plain arithmetic, which is exact
 * while the result stays below 2^53. Everything else takes the exact path.
 */
const SIMPLE = /^(\d{1,12})(m|k|M|G|Ki|Mi|Gi|Ti|)$/;
const SIMPLE_MILLI: Record<string, number> = {
  m: 1,
  '': 1e3,
  k: 1e6,
  M: 1e9,
  G: 1e12,
  Ki: 1024e3,
  Mi: 1024 ** 2 * 1e3,
  Gi: 1024 ** 3 * 1e3,
  Ti: 1024 ** 4 * 1e3,
};

function simpleMilli(input: string | number): number | undefined {
  if (typeof input !== 'string') return undefined;
  const match = SIMPLE.exec(input);
  if (!match) return undefined;
  const milli = Number(match[1]) * SIMPLE_MILLI[match[2]];
  return Number.isSafeInteger(milli) ? milli : undefined;
}

/**
 * Clusters repeat the same few quantity strings (`100m`, `128Mi`) across
 * thousands of pods: parsed values are remembered, up to a bound.
 */
const MEMO_LIMIT = 20000;
const milliMemo = new Map<string, number>();
const integerMemo = new Map<string, number>();

function exactMilli(input: string | number): number {
  return simpleMilli(input) ?? scaledValue(parseExactQuantity(input), 3);
}

function exactInteger(input: string | number): number {
  const milli = simpleMilli(input);
  return milli !== undefined ? Math.ceil(milli / 1000) : scaledValue(parseExactQuantity(input), 0);
}

function memoized(memo: Map<string, number>, input: string | number, parse: (input: string | number) => number): number {
  if (typeof input !== 'string') return parse(input);
  const known = memo.get(input);
  if (known !== undefined) return known;
  const value = parse(input);
  if (memo.size < MEMO_LIMIT) memo.set(input, value);
  return value;
}

/** The value in thousandths, rounded up (Quantity.MilliValue): cpu in millicores. */
export function quantityToMilli(input: string | number): number {
  return memoized(milliMemo, input, exactMilli);
}

/** The value rounded up to an integer (Quantity.Value): bytes, pods, GPUs. */
export function quantityToInteger(input: string | number): number {
  return memoized(integerMemo, input, exactInteger);
}

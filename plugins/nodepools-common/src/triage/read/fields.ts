/** Reading untrusted kubectl JSON: each helper names the field it rejects. */
/** A field that cannot be read, named by its dotted path. */
export class FieldError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'FieldError';
    this.field = field;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, field: string): Record<string, unknown> {
  if (!isObject(value)) throw new FieldError(field, `must be an object, got ${describe(value)}`);
  return value;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `'${value}'` : typeof value;
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new FieldError(field, `must be a string, got ${describe(value)}`);
  return value;
}

export function requiredString(value: unknown, field: string): string {
  const text = optionalString(value, field);
  if (!text) throw new FieldError(field, 'is required');
  return text;
}

export function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const map = objectAt(value, field);
  for (const [key, entry] of Object.entries(map)) {
    if (typeof entry !== 'string') throw new FieldError(`${field}.${key}`, `must be a string, got ${describe(entry)}`);
  }
  return map as Record<string, string>;
}

export function listAt<T = unknown>(value: unknown, field: string): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new FieldError(field, `must be a list, got ${describe(value)}`);
  return value as T[];
}

export function stringList(value: unknown, field: string): string[] {
  return listAt(value, field).map((entry, i) => requiredString(entry, `${field}[${i}]`));
}

/** Requirement values: label values may be empty (`In [""]` selects nodes labelled `key=""`). */
export function valueList(value: unknown, field: string): string[] {
  return listAt(value, field).map((entry, i) => {
    if (typeof entry !== 'string') throw new FieldError(`${field}[${i}]`, `must be a string, got ${describe(entry)}`);
    return entry;
  });
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!allowed.includes(value as T)) {
    throw new FieldError(field, `must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

import { isPlainObject } from '../../parsers/fields';

/**
 * Which attributes of a resource may be read, nested as in the state:
 * `true` keeps a value whole; an object keeps only the keys it names, in an
 * object or in each object of a list (Terraform stores nested blocks as
 * lists of objects).
 */
export type AttributeShape = true | { readonly [key: string]: AttributeShape };

/**
 * A copy of `value` with only the whitelisted attributes, less those
 * Terraform marks sensitive (`sensitive` holds dotted paths such as
 * `node_config.labels`; list positions do not count). State files hold
 * kubeconfigs, keys and tokens next to pool settings: a reader works on this
 * copy only, so nothing else reaches a pool, a message or a log.
 */
export function pickAttributes(
  value: unknown,
  shape: AttributeShape,
  sensitive: ReadonlySet<string> = new Set(),
  path = '',
): unknown {
  if (shape === true) return value;
  if (Array.isArray(value)) {
    return value.map(element => (isPlainObject(element) ? pickAttributes(element, shape, sensitive, path) : element));
  }
  if (!isPlainObject(value)) return value;
  const picked: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(shape)) {
    const at = path ? `${path}.${key}` : key;
    if (Object.prototype.hasOwnProperty.call(value, key) && !sensitive.has(at)) {
      picked[key] = pickAttributes(value[key], inner, sensitive, at);
    }
  }
  return picked;
}

/** The whitelisted attributes that are marked sensitive (and so not read), as dotted paths. */
export function withheldAttributes(
  shape: AttributeShape,
  sensitive: ReadonlySet<string>,
  path = '',
): string[] {
  if (shape === true || !sensitive.size) return [];
  return Object.entries(shape).flatMap(([key, inner]) => {
    const at = path ? `${path}.${key}` : key;
    return sensitive.has(at) ? [at] : withheldAttributes(inner, sensitive, at);
  });
}

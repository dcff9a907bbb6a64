import { isPlainObject } from '../../parsers/fields';

/**
 * Which attributes of a resource may be read, nested as in the state:
 * `true` keeps a value whole; an object keeps only the keys it names, in an
 * object or in each object of a list (Terraform stores nested blocks as
 * lists of objects).
 */
export type AttributeShape = true | { readonly [key: string]: AttributeShape };

/**
 * A copy of `value` with only the whitelisted attributes. State files hold
 * kubeconfigs, keys and tokens next to pool settings: a reader works on this
 * copy only, so nothing else reaches a pool, a message or a log.
 */
export function pickAttributes(value: unknown, shape: AttributeShape): unknown {
  if (shape === true) return value;
  if (Array.isArray(value)) {
    return value.map(element => (isPlainObject(element) ? pickAttributes(element, shape) : element));
  }
  if (!isPlainObject(value)) return value;
  const picked: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(shape)) {
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      picked[key] = pickAttributes(value[key], inner);
    }
  }
  return picked;
}

/** The whitelist without the attributes Terraform marks sensitive (they are not read at all). */
export function withoutSensitive(
  shape: { readonly [key: string]: AttributeShape },
  sensitive: ReadonlySet<string>,
): { readonly [key: string]: AttributeShape } {
  if (!sensitive.size) return shape;
  return Object.fromEntries(Object.entries(shape).filter(([key]) => !sensitive.has(key)));
}

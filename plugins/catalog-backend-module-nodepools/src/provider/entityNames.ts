import { createHash } from 'node:crypto';

/** Catalog entity names: at most 63 characters. */
export const MAX_ENTITY_NAME = 63;
const HASH_LENGTH = 10;
const LONG_HASH_LENGTH = 20;

/**
 * Lower case, accents dropped (`é` → `e`), every run of characters other
 * than `a-z`, `0-9`, `.` and `_` turned into one `-`, runs of separators
 * made one, and separators trimmed from both ends.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/[-._]*([-._])[-._]*/g, '$1')
    .replace(/^[-._]+|[-._]+$/g, '');
}

function hashOf(id: string, length: number): string {
  return createHash('sha256').update(id).digest('hex').slice(0, length);
}

function withHash(candidate: string, id: string, fallback: string, length: number): string {
  const room = MAX_ENTITY_NAME - length - 1;
  const base = (candidate || fallback).slice(0, room).replace(/[-._]+$/, '') || fallback;
  return `${base}-${hashOf(id, length)}`;
}

/** What one entity is to be named after: a stable id and the readable text. */
export interface NameRequest {
  /** Stable over time (a pool or cluster ref): the hash suffix is made from it. */
  id: string;
  /** The readable name, as the cloud spells it (`payments-prod-general`). */
  text: string;
  /** The name's start when the text has nothing readable left (`pool`). */
  fallback: string;
}

/**
 * Catalog entity names for every request, valid and unique (ignoring
 * case, as the catalog compares names). The rule:
 * - the name is `slugify(text)` when that is the text itself (up to case)
 *   and at most 63 characters, and no other request gets the same slug;
 * - otherwise the slug is cut to 52 characters and followed by `-` and
 *   the first 10 hex digits of the SHA-256 of the id: every pool of a
 *   colliding group gets one, whatever order they came in, so a name
 *   depends only on the requests, never on who came first;
 * - two hashed names that still meet get 20 hex digits.
 */
export function assignNames(requests: readonly NameRequest[]): Map<string, string> {
  const bySlug = new Map<string, NameRequest[]>();
  const slugs = new Map<string, string>();
  for (const request of requests) {
    const slug = slugify(request.text);
    slugs.set(request.id, slug);
    const group = bySlug.get(slug);
    if (group) group.push(request);
    else bySlug.set(slug, [request]);
  }
  const names = new Map<string, string>();
  for (const request of requests) {
    const slug = slugs.get(request.id)!;
    const lossless =
      slug === request.text.toLocaleLowerCase('en-US') && slug.length <= MAX_ENTITY_NAME;
    names.set(
      request.id,
      lossless && bySlug.get(slug)!.length === 1
        ? slug
        : withHash(slug, request.id, request.fallback, HASH_LENGTH),
    );
  }
  const byName = new Map<string, string[]>();
  for (const [id, name] of names) {
    const group = byName.get(name);
    if (group) group.push(id);
    else byName.set(name, [id]);
  }
  for (const ids of byName.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) {
      const request = requests.find(r => r.id === id)!;
      names.set(id, withHash(slugs.get(id)!, id, request.fallback, LONG_HASH_LENGTH));
    }
  }
  return names;
}

/*
 * The triage benchmark's input as a `POST /triage/analyze` body, in pieces
 * of kubectl JSON text: the input is only ever text on its way into the
 * reader, never a list of objects.
 */
import type { TriageBenchItems } from './cluster';

/** Strings handed over at a time, about what a socket reads. */
const CHUNK_CHARS = 64 * 1024;

function* joined(items: Iterable<unknown>): Generator<string> {
  let buffer = '';
  let first = true;
  for (const item of items) {
    const text = JSON.stringify(item);
    buffer += first ? text : `,${text}`;
    first = false;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** The body, as kubectl would print the lists, in pieces of about CHUNK_CHARS. */
export function* benchBody(items: TriageBenchItems): Generator<string> {
  yield `{"cluster":${JSON.stringify(items.cluster)},"pools":${JSON.stringify(items.pools)},`;
  yield '"nodes":{"apiVersion":"v1","kind":"List","items":[';
  yield* joined(items.nodes());
  yield ']},"pods":{"apiVersion":"v1","kind":"List","items":[';
  yield* joined(items.pods());
  yield ']}}';
}

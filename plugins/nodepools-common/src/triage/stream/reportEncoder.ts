import type { TriageReport } from '../types';

/** The most a report's bytes may take: the largest resizable buffer V8 makes. */
const MAX_REPORT_BYTES = 2 ** 32 - 1;

interface ResizableBuffer extends ArrayBuffer {
  resize(byteLength: number): void;
}

type ResizableBufferConstructor = new (length: number, options: { maxByteLength: number }) => ResizableBuffer;

/** A buffer that may grow to the largest report, or undefined where the runtime makes none. */
function resizableBuffer(): ResizableBuffer | undefined {
  if (typeof (ArrayBuffer.prototype as Partial<ResizableBuffer>).resize !== 'function') return undefined;
  try {
    return new (ArrayBuffer as unknown as ResizableBufferConstructor)(0, { maxByteLength: MAX_REPORT_BYTES });
  } catch {
    return undefined;
  }
}

/**
 * UTF-8 written into one buffer that grows in place: its pages are taken
 * as they are written, and no second copy of the whole is ever made.
 */
class GrowingBytes {
  private readonly encoder = new TextEncoder();
  private used = 0;

  constructor(private readonly buffer: ResizableBuffer) {}

  write(text: string) {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const needed = this.used + text.length * 3;
    if (needed > this.buffer.byteLength) {
      this.buffer.resize(Math.min(MAX_REPORT_BYTES, Math.max(needed, this.buffer.byteLength * 2)));
    }
    const { read, written } = this.encoder.encodeInto(text, new Uint8Array(this.buffer, this.used));
    if (read !== text.length) throw new RangeError(`the triage report is larger than ${MAX_REPORT_BYTES} bytes`);
    this.used += written;
  }

  finish(): Uint8Array {
    this.buffer.resize(this.used);
    return new Uint8Array(this.buffer);
  }
}

/**
 * The report as UTF-8 JSON, the bytes `JSON.stringify(report)` would
 * encode to, written one signature at a time: a report without a budget
 * of explained verdicts (the command line's) can run to hundreds of
 * megabytes, which as one string and its encoding would be held twice
 * (and a string cannot pass about 512 MB).
 */
export function reportBytes(report: TriageReport): Uint8Array {
  const buffer = resizableBuffer();
  if (!buffer) return new TextEncoder().encode(JSON.stringify(report));
  const out = new GrowingBytes(buffer);
  const record = report as unknown as Record<string, unknown>;
  let first = true;
  out.write('{');
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    out.write(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (key === 'signatures' && Array.isArray(value)) {
      out.write('[');
      value.forEach((signature, i) => out.write(`${i > 0 ? ',' : ''}${JSON.stringify(signature) ?? 'null'}`));
      out.write(']');
    } else {
      out.write(JSON.stringify(value));
    }
  }
  out.write('}');
  return out.finish();
}

import { parseAllDocuments, type YAMLError } from 'yaml';
import { ExportParseError, type ExportContext } from './types';

/** A JSON export starts with an object or an array; anything else is YAML. */
const LOOKS_LIKE_JSON = /^\s*[[{]/;

interface Position {
  line: number;
  col: number;
}

function fail(ctx: ExportContext, messages: string[]): never {
  throw new ExportParseError(
    messages.map(message => ({
      ...(ctx.file !== undefined ? { file: ctx.file } : {}),
      message,
    })),
  );
}

function at(where: Position | undefined): string {
  return where ? ` at line ${where.line}, column ${where.col}` : '';
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

/**
 * Where JSON.parse stopped: from its message when it says (the wording varies
 * between Node versions), else from a strict JSON-schema YAML parse of the
 * same text, which reports positions for the errors V8 does not place.
 */
function jsonErrorPosition(
  text: string,
  message: string,
): Position | undefined {
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) {
    return { line: Number(lineColumn[1]), col: Number(lineColumn[2]) };
  }
  const offset = /at position (\d+)/.exec(message);
  if (offset) return positionOf(text, Number(offset[1]));
  const strict = parseAllDocuments(text, { schema: 'json' });
  const documents = Array.isArray(strict) ? strict : [];
  return documents.flatMap(document => document.errors)[0]?.linePos?.[0];
}

function parseJson(text: string, ctx: ExportContext): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // V8 quotes the input after the reason; the position says enough.
    const reason = message
      .replace(/,\s*".*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/\n/g, '\\n');
    return fail(ctx, [
      `invalid JSON${at(jsonErrorPosition(text, message))}: ${reason}`,
    ]);
  }
}

function describeYamlError(error: YAMLError): string {
  const reason = error.message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '');
  return `invalid YAML${at(error.linePos?.[0])}: ${reason}`;
}

function parseYaml(text: string, ctx: ExportContext): unknown[] {
  const parsed = parseAllDocuments(text);
  const documents = Array.isArray(parsed) ? parsed : [];
  const errors = documents.flatMap(document => document.errors);
  if (errors.length) fail(ctx, errors.map(describeYamlError));
  return documents.map(document => document.toJS());
}

/**
 * The documents of an export: one for JSON, one per `---` section for YAML,
 * without empty ones. Syntax errors carry the parser's line and column.
 */
export function readDocuments(text: string, ctx: ExportContext): unknown[] {
  const body = text.replace(/^\uFEFF/, '');
  const parsed = LOOKS_LIKE_JSON.test(body)
    ? [parseJson(body, ctx)]
    : parseYaml(body, ctx);
  const documents = parsed.filter(d => d !== null && d !== undefined);
  if (!documents.length) fail(ctx, ['the export is empty']);
  return documents;
}

import { CORE_SCHEMA, loadAll, YAMLException } from 'js-yaml';
import { readDocuments } from '../parsers/documents';
import { ExportParseError } from '../parsers/types';
import { DesiredReadError, type DesiredContext } from './types';

/** A JSON document starts with an object or an array; anything else is YAML. */
const LOOKS_LIKE_JSON = /^\s*[[{]/;

function fail(ctx: DesiredContext, messages: string[]): never {
  throw new DesiredReadError(messages.map(message => ({ ...(ctx.source !== undefined ? { source: ctx.source } : {}), message })));
}

/**
 * YAML documents, read with the YAML 1.2 core schema (no timestamps: a
 * label `2024-01-01` stays a string). Desired-state YAML can be tens of
 * thousands of NodePools (a kustomize build of a fleet), so it is read
 * with a parser an order of magnitude faster than the one export files
 * use. A syntax error gives its line and column, never the text.
 */
function yamlDocuments(text: string, ctx: DesiredContext): unknown[] {
  try {
    return loadAll(text, undefined, { schema: CORE_SCHEMA });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const at = error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : '';
    return fail(ctx, [`invalid YAML${at}: ${error.reason}`]);
  }
}

/** The documents of a desired-state file, JSON or YAML, without empty ones. */
export function desiredDocuments(text: string, ctx: DesiredContext): unknown[] {
  const body = text.replace(/^\uFEFF/, '');
  if (LOOKS_LIKE_JSON.test(body)) {
    try {
      return readDocuments(body, { file: ctx.source });
    } catch (error) {
      if (!(error instanceof ExportParseError)) throw error;
      return fail(ctx, error.issues.map(i => i.message));
    }
  }
  const documents = yamlDocuments(body, ctx).filter(d => d !== null && d !== undefined);
  if (!documents.length) fail(ctx, ['the file is empty']);
  return documents;
}

import { isPlainObject } from '../parsers/fields';
import { desiredDocuments } from './documents';
import { isEksctlConfig, readEksctlConfigs } from './eksctl';
import { readManifests } from './manifests';
import { isTerraformDocument } from './terraform/document';
import { readTerraform } from './terraform/readTerraform';
import { DesiredReadError, type DesiredContext, type DesiredRead } from './types';

/** What `readDesired` accepts, for the message about a file it cannot place. */
export const SUPPORTED_DESIRED = [
  'Terraform state (format 4) or `terraform show -json` output of a plan or state',
  'eksctl ClusterConfig YAML (managedNodeGroups, nodeGroups)',
  'Karpenter NodePool manifests (YAML, multi-document, kind: List, kustomize build output)',
];

function isKubernetesObject(document: unknown): boolean {
  return isPlainObject(document) && typeof document.apiVersion === 'string' && typeof document.kind === 'string';
}

/**
 * Reads what a desired-state file declares: node pools in the pool model
 * with their source and address, the clusters declared next to them, and
 * notes on what was left out. The format is recognized by shape. Pure: text
 * in, pools out. Throws DesiredReadError naming the file, the resource
 * address or document, and the field of every problem.
 */
export function readDesired(text: string, ctx: DesiredContext = {}): DesiredRead {
  const documents = desiredDocuments(text, ctx);
  if (documents.length === 1 && isTerraformDocument(documents[0])) {
    return readTerraform(documents[0], ctx);
  }
  const configs = documents.filter(isEksctlConfig);
  if (configs.length) {
    if (configs.length !== documents.length) {
      throw new DesiredReadError([{ ...(ctx.source !== undefined ? { source: ctx.source } : {}), message: 'an eksctl config file holds only ClusterConfig documents' }]);
    }
    return readEksctlConfigs(configs, ctx);
  }
  if (documents.every(isKubernetesObject)) return readManifests(documents, ctx);
  const first = documents[0];
  const what = isPlainObject(first)
    ? `an object with keys ${Object.keys(first).slice(0, 8).join(', ') || '(none)'}`
    : `a ${Array.isArray(first) ? 'list' : typeof first} at the top level`;
  throw new DesiredReadError([{
    ...(ctx.source !== undefined ? { source: ctx.source } : {}),
    message: `unrecognized desired-state file (${what}); supported: ${SUPPORTED_DESIRED.join('; ')}`,
  }]);
}

import { parseAllDocuments } from 'yaml';
import { isPlainObject, type RecordReader } from '../../parsers/fields';
import { desiredFromNodePool, isKarpenterNodePool, underField } from '../karpenter';
import type { PoolDraft } from '../pool';
import type { ClusterIdentity, PoolResourceReader, ResourceScope } from './resource';
import { optString } from './values';

/*
 * Karpenter NodePools applied by Terraform: hashicorp/kubernetes'
 * kubernetes_manifest (the object in `manifest`) and the kubectl provider's
 * kubectl_manifest (YAML in `yaml_body`). Any other kind is skipped after
 * reading only its kind: manifests can be Secrets.
 */

/** What the manifests need besides their own attributes: the cluster they were applied to. */
export interface ManifestScope extends ResourceScope {
  manifestCluster(): ClusterIdentity | undefined;
}

/** A dynamic attribute in a state file is stored with its type: `{"value": {...}, "type": [...]}`. */
function unwrapDynamic(value: unknown): unknown {
  return isPlainObject(value) && 'value' in value && 'type' in value && Object.keys(value).length === 2
    ? value.value
    : value;
}

function draftFrom(object: unknown, r: RecordReader, scope: ResourceScope, resourceType: string, field: string): PoolDraft[] {
  const cluster = (scope as ManifestScope).manifestCluster();
  if (!cluster) {
    r.report(field, 'a NodePool does not name its cluster, and the state declares no single cluster it belongs to: pass --cluster');
    return [];
  }
  const place = { account: cluster.account, region: cluster.region, cluster: cluster.cluster, address: scope.address, resourceType };
  return [underField(field, () => desiredFromNodePool(object, place))];
}

export const kubernetesManifest: PoolResourceReader = {
  type: 'kubernetes_manifest',
  shape: { manifest: true, object: true },
  read(r, scope) {
    // `manifest` is the configuration; `object` the object as applied, read when a state lacks the former.
    const field = r.has('manifest') ? 'manifest' : 'object';
    const manifest = unwrapDynamic(r.get(field));
    if (!isKarpenterNodePool(manifest)) return [];
    return draftFrom(manifest, r, scope, 'kubernetes_manifest', field);
  },
};

/** The first document of a YAML body; undefined when it does not parse (its text is never repeated). */
function firstDocument(yaml: string): unknown {
  const documents = parseAllDocuments(yaml);
  const list = Array.isArray(documents) ? documents : [];
  if (!list.length || list.some(d => d.errors.length)) return undefined;
  return list[0].toJS();
}

export const kubectlManifest: PoolResourceReader = {
  type: 'kubectl_manifest',
  shape: { kind: true, api_version: true, yaml_body: true, yaml_body_parsed: true },
  read(r, scope) {
    const kind = optString(r, 'kind');
    const apiVersion = optString(r, 'api_version');
    if ((kind && kind !== 'NodePool') || (apiVersion && !apiVersion.startsWith('karpenter.sh/'))) return [];
    const field = r.has('yaml_body') ? 'yaml_body' : 'yaml_body_parsed';
    const body = r.string(field);
    if (body === undefined) return [];
    const object = firstDocument(body);
    if (object === undefined) {
      if (kind) r.report(field, 'is not valid YAML');
      return [];
    }
    if (!isKarpenterNodePool(object)) return [];
    return draftFrom(object, r, scope, 'kubectl_manifest', field);
  },
};

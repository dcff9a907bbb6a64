import { describeValue, isPlainObject } from '../../parsers/fields';
import { DesiredReadError, type DesiredIssue } from '../types';

/** One instance of a managed resource, wherever it sits in the module tree. */
export interface TerraformInstance {
  /** `module.a.module.b["k"].type.name[0]` */
  address: string;
  type: string;
  /** The instance's attributes (state) or planned values (plan), unfiltered: read through a whitelist only. */
  attributes: unknown;
  /** Attributes Terraform marks sensitive, as dotted paths (`tags`, `node_config.labels`). */
  sensitive: ReadonlySet<string>;
}

export interface TerraformDocument {
  format: 'terraform-state' | 'terraform-plan';
  instances: TerraformInstance[];
}

/** The only state format this reader knows: Terraform 0.12 and later. */
const STATE_FORMAT = 4;

/** State files have a numeric `version`; `terraform show -json` output a `format_version`. */
export function isTerraformDocument(document: unknown): document is Record<string, unknown> {
  if (!isPlainObject(document)) return false;
  if ('format_version' in document) {
    return 'planned_values' in document || 'values' in document || 'resource_changes' in document;
  }
  return 'version' in document && ('resources' in document || 'terraform_version' in document || 'lineage' in document || 'modules' in document);
}

/** Instance keys print as Terraform prints them: `[0]` for count, `["key"]` for for_each. */
export function instanceAddress(
  module: string | undefined,
  type: string,
  name: string,
  indexKey: unknown,
): string {
  const base = `${module ? `${module}.` : ''}${type}.${name}`;
  if (indexKey === undefined || indexKey === null) return base;
  return typeof indexKey === 'number' ? `${base}[${indexKey}]` : `${base}[${JSON.stringify(String(indexKey))}]`;
}

function fail(source: string | undefined, issues: Array<Omit<DesiredIssue, 'source'>>): never {
  throw new DesiredReadError(issues.map(issue => ({ ...(source !== undefined ? { source } : {}), ...issue })));
}

/**
 * A state's sensitive path as dotted attribute names:
 * `[{"type":"get_attr","value":"default_node_pool"},{"type":"index",...},{"type":"get_attr","value":"tags"}]`
 * reads `default_node_pool.tags` (list positions do not count).
 */
function sensitivePath(path: unknown): string | undefined {
  const steps = (Array.isArray(path) ? path : [path])
    .filter(step => isPlainObject(step) && step.type === 'get_attr' && typeof step.value === 'string')
    .map(step => (step as { value: string }).value);
  return steps.length ? steps.join('.') : undefined;
}

/** Plans mark sensitive values in a mirror object: `{"tags": true}` or `{"node_config": [{"metadata": true}]}`. */
function sensitiveFromMirror(mirror: unknown, path = '', into = new Set<string>()): Set<string> {
  if (mirror === true && path) into.add(path);
  else if (Array.isArray(mirror)) mirror.forEach(element => sensitiveFromMirror(element, path, into));
  else if (isPlainObject(mirror)) {
    for (const [key, inner] of Object.entries(mirror)) sensitiveFromMirror(inner, path ? `${path}.${key}` : key, into);
  }
  return into;
}

function stateInstances(
  document: Record<string, unknown>,
  source: string | undefined,
  wanted: (type: string) => boolean,
): TerraformInstance[] {
  const resources = document.resources ?? [];
  if (!Array.isArray(resources)) {
    return fail(source, [{ field: 'resources', message: `expected a list, got ${describeValue(resources)}` }]);
  }
  const instances: TerraformInstance[] = [];
  const issues: Array<Omit<DesiredIssue, 'source'>> = [];
  resources.forEach((resource, index) => {
    if (!isPlainObject(resource)) {
      issues.push({ field: `resources[${index}]`, message: `expected an object, got ${describeValue(resource)}` });
      return;
    }
    const { mode, type, name } = resource;
    // Data sources share types with resources (data.aws_eks_cluster) but declare nothing.
    if (mode !== 'managed' || typeof type !== 'string' || !wanted(type)) return;
    const module = typeof resource.module === 'string' ? resource.module : undefined;
    const blockAddress = instanceAddress(module, type, String(name), undefined);
    if (!Array.isArray(resource.instances)) {
      issues.push({ address: blockAddress, field: 'instances', message: `expected a list, got ${describeValue(resource.instances)}` });
      return;
    }
    resource.instances.forEach((instance, position) => {
      if (!isPlainObject(instance)) {
        issues.push({ address: blockAddress, field: `instances[${position}]`, message: `expected an object, got ${describeValue(instance)}` });
        return;
      }
      // A deposed object is an old copy waiting to be destroyed, not what is declared.
      if (instance.deposed !== undefined) return;
      const address = instanceAddress(module, type, String(name), instance.index_key);
      if (!isPlainObject(instance.attributes)) {
        const message = instance.attributes_flat !== undefined
          ? 'has only legacy flat attributes (attributes_flat); refresh the state with Terraform 0.12 or later'
          : `expected an object, got ${describeValue(instance.attributes)}`;
        issues.push({ address, field: 'attributes', message });
        return;
      }
      const sensitive = new Set(
        (Array.isArray(instance.sensitive_attributes) ? instance.sensitive_attributes : [])
          .map(sensitivePath)
          .filter((key): key is string => key !== undefined),
      );
      instances.push({ address, type, attributes: instance.attributes, sensitive });
    });
  });
  if (issues.length) fail(source, issues);
  return instances;
}

function moduleInstances(
  module: unknown,
  path: string,
  wanted: (type: string) => boolean,
  issues: Array<Omit<DesiredIssue, 'source'>>,
  into: TerraformInstance[],
): void {
  if (!isPlainObject(module)) {
    issues.push({ field: path, message: `expected a module object, got ${describeValue(module)}` });
    return;
  }
  const resources = module.resources ?? [];
  if (!Array.isArray(resources)) {
    issues.push({ field: `${path}.resources`, message: `expected a list, got ${describeValue(resources)}` });
  } else {
    resources.forEach((resource, index) => {
      if (!isPlainObject(resource)) {
        issues.push({ field: `${path}.resources[${index}]`, message: `expected an object, got ${describeValue(resource)}` });
        return;
      }
      const { mode, type, name } = resource;
      if (mode === 'data' || typeof type !== 'string' || !wanted(type)) return;
      const moduleAddress = typeof module.address === 'string' ? module.address : undefined;
      const address = typeof resource.address === 'string'
        ? resource.address
        : instanceAddress(moduleAddress, type, String(name), resource.index);
      if (!isPlainObject(resource.values)) {
        issues.push({ address, field: 'values', message: `expected an object, got ${describeValue(resource.values)}` });
        return;
      }
      into.push({ address, type, attributes: resource.values, sensitive: sensitiveFromMirror(resource.sensitive_values) });
    });
  }
  const children = module.child_modules ?? [];
  if (!Array.isArray(children)) {
    issues.push({ field: `${path}.child_modules`, message: `expected a list, got ${describeValue(children)}` });
    return;
  }
  children.forEach((child, index) => moduleInstances(child, `${path}.child_modules[${index}]`, wanted, issues, into));
}

/** `terraform show -json` of a plan (`planned_values`) or of a state (`values`). */
function jsonOutputInstances(
  document: Record<string, unknown>,
  source: string | undefined,
  wanted: (type: string) => boolean,
): TerraformDocument {
  const formatVersion = document.format_version;
  if (typeof formatVersion !== 'string' || !/^[01]\./.test(formatVersion)) {
    return fail(source, [{ field: 'format_version', message: `unsupported terraform show -json format version ${describeValue(formatVersion)}: versions 0.x and 1.x are read` }]);
  }
  const planned = isPlainObject(document.planned_values) ? document.planned_values : undefined;
  const values = planned ?? (isPlainObject(document.values) ? document.values : undefined);
  if (!values) {
    return fail(source, [{ field: 'planned_values', message: 'is required: the output has no planned_values (plan) or values (state)' }]);
  }
  const issues: Array<Omit<DesiredIssue, 'source'>> = [];
  const instances: TerraformInstance[] = [];
  const root = values.root_module ?? {};
  moduleInstances(root, planned ? 'planned_values.root_module' : 'values.root_module', wanted, issues, instances);
  if (issues.length) fail(source, issues);
  return { format: planned ? 'terraform-plan' : 'terraform-state', instances };
}

/**
 * The managed resource instances of the wanted types in a state file
 * (format 4) or in `terraform show -json` output, each with its full
 * address. Data sources and deposed objects are left out. Throws
 * DesiredReadError for another state format or a malformed document.
 */
export function readTerraformDocument(
  document: Record<string, unknown>,
  source: string | undefined,
  wanted: (type: string) => boolean,
): TerraformDocument {
  if ('format_version' in document) return jsonOutputInstances(document, source, wanted);
  if (document.version !== STATE_FORMAT) {
    return fail(source, [{
      field: 'version',
      message: `unsupported Terraform state format version ${describeValue(document.version)}: only format ${STATE_FORMAT} (Terraform 0.12 and later) is read; run \`terraform state pull\` with a current Terraform to upgrade it`,
    }]);
  }
  return { format: 'terraform-state', instances: stateInstances(document, source, wanted) };
}

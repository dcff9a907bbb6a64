import { dump } from 'js-yaml';
import { commentText } from '../../drift/render/quote';
import { readDesired } from '../../desired/read';
import type { DesiredPool } from '../../desired/types';
import type { PoolRequest, PoolRequestSpec, RenderedRequest } from '../types';
import { cliCommand } from './cli';
import { renderContext, type RenderContext, type RenderOptions } from './context';
import { karpenterNodePool } from './karpenter';
import { resourceHcl, resourcePlan, type TerraformResource } from './terraformBody';
import { terraformResource } from './terraform';

export type { RenderOptions } from './context';

interface Rendering {
  ctx: RenderContext;
  manifest: Record<string, unknown>;
  resource: TerraformResource;
  notes: string[];
}

function build(spec: PoolRequestSpec, options: RenderOptions): Rendering {
  const ctx = renderContext(spec, options);
  const notes: string[] = [];
  const manifest = karpenterNodePool(ctx, spec.kind === 'karpenter-nodepool' ? notes : []);
  const resource = terraformResource(ctx, manifest, notes);
  return { ctx, manifest, resource, notes };
}

/** The Terraform resource, the CLI command and (Karpenter) the NodePool manifest of an approved spec. */
export function renderRequest(spec: PoolRequestSpec, options: RenderOptions = {}): RenderedRequest {
  const { ctx, manifest, resource, notes } = build(spec, options);
  const rendered: RenderedRequest = {
    terraform: { kind: 'hcl', text: resourceHcl(resource) },
    cli: cliCommand(ctx),
    notes,
  };
  if (spec.kind === 'karpenter-nodepool') {
    const header = `# NodePool ${commentText(spec.name)} for cluster ${commentText(spec.cluster)}\n`;
    rendered.manifest = { kind: 'yaml', text: header + dump(manifest, { noRefs: true, lineWidth: -1 }) };
  }
  return rendered;
}

/** The source every desired pool of a request is recorded under. */
export function requestSource(id: string): string {
  return `request:${id}`;
}

/**
 * The approved spec as the desired state of its pool: the rendered
 * Terraform resource (Karpenter: its kubernetes_manifest) read back by the
 * drift readers, so the desired pool is exactly what applying the
 * rendered IaC declares.
 */
export function requestDesiredPool(request: Pick<PoolRequest, 'id' | 'spec'>, options: RenderOptions = {}): DesiredPool {
  const { ctx, resource } = build(request.spec, options);
  const { cluster } = ctx;
  const context = {
    source: requestSource(request.id),
    cluster: cluster.cluster,
    region: cluster.region,
    account: cluster.account,
    override: true,
  };
  const [pool] = readDesired(JSON.stringify(resourcePlan(resource)), context).pools;
  return pool;
}

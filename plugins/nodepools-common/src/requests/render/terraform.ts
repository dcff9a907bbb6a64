import { commentText, type HclItem } from '../../drift/render/quote';
import { formatTaint } from '../../model/pool';
import { aksClusterId, eksAmiType, perZone, taintObject, type RenderContext } from './context';
import { TerraformBody, terraformName, type TerraformResource } from './terraformBody';

/*
 * The Terraform resource that creates the approved pool, in the attribute
 * names the drift readers read (src/desired/terraform): what the readers
 * make of it is the pool's desired state.
 */

function taints(body: TerraformBody, ctx: RenderContext, upper: boolean): void {
  if (!ctx.spec.taints.length) body.noBlocks('taint');
  for (const t of ctx.spec.taints) {
    body.block('taint', b => {
      const object = taintObject(t, upper);
      for (const key of Object.keys(object)) b.attr(key, object[key]);
    });
  }
}

function eks(ctx: RenderContext, notes: string[]): TerraformResource {
  const { spec } = ctx;
  const body = new TerraformBody()
    .attr('cluster_name', ctx.cluster.cluster)
    .attr('node_group_name', spec.name)
    .reference('node_role_arn', 'var.node_role_arn')
    .reference('subnet_ids', 'var.subnet_ids')
    .attr('instance_types', spec.machineTypes)
    .attr('capacity_type', spec.capacityType === 'spot' ? 'SPOT' : 'ON_DEMAND')
    .attr('ami_type', eksAmiType(ctx));
  if (spec.diskSizeGb !== undefined) body.attr('disk_size', spec.diskSizeGb);
  body.attr('labels', spec.labels);
  body.block('scaling_config', b => b.attr('desired_size', ctx.initial).attr('min_size', ctx.min).attr('max_size', ctx.max));
  taints(body, ctx, true);
  notes.push('set var.node_role_arn (the node IAM role) and var.subnet_ids (the subnets of the node group)');
  return { type: 'aws_eks_node_group', name: terraformName(spec.name), body, preamble: [] };
}

function gke(ctx: RenderContext): TerraformResource {
  const { spec } = ctx;
  const zones = spec.zones.length;
  const body = new TerraformBody().attr('name', spec.name).attr('cluster', ctx.cluster.cluster);
  if (ctx.cluster.region) body.attr('location', ctx.cluster.region);
  if (ctx.cluster.account) body.attr('project', ctx.cluster.account);
  body.attr('node_locations', spec.zones);
  if (spec.autoscaling) {
    body.attr('initial_node_count', perZone(ctx.initial, zones));
    body.block('autoscaling', b => b.attr('total_min_node_count', ctx.min).attr('total_max_node_count', ctx.max));
  } else {
    body.comment('nodes in each zone').attr('node_count', perZone(spec.nodeCount ?? 0, zones)).noBlocks('autoscaling');
  }
  if (spec.maxPodsPerNode !== undefined) body.attr('max_pods_per_node', spec.maxPodsPerNode);
  body.block('node_config', config => {
    config
      .attr('machine_type', spec.machineTypes[0])
      .attr('spot', spec.capacityType === 'spot')
      .attr('image_type', spec.os === 'windows' ? 'WINDOWS_LTSC_CONTAINERD' : 'COS_CONTAINERD');
    if (spec.diskSizeGb !== undefined) config.attr('disk_size_gb', spec.diskSizeGb);
    config.attr('labels', spec.labels);
    taints(config, ctx, true);
  });
  return { type: 'google_container_node_pool', name: terraformName(spec.name), body, preamble: [] };
}

function aks(ctx: RenderContext, notes: string[]): TerraformResource {
  const { spec } = ctx;
  const body = new TerraformBody().attr('name', spec.name);
  const preamble: HclItem[] = [];
  const id = aksClusterId(ctx);
  if (id) {
    body.attr('kubernetes_cluster_id', id);
  } else {
    preamble.push({
      block: 'data "azurerm_kubernetes_cluster" "cluster"',
      body: [
        { attr: 'name', value: ctx.cluster.cluster },
        spec.resourceGroup ? { attr: 'resource_group_name', value: spec.resourceGroup } : { attr: 'resource_group_name', reference: 'var.resource_group_name' },
      ],
    });
    body.reference('kubernetes_cluster_id', 'data.azurerm_kubernetes_cluster.cluster.id');
    notes.push("the cluster's subscription or resource group is not known: the resource finds the cluster through a data source");
  }
  body
    .attr('vm_size', spec.machineTypes[0])
    .attr('mode', spec.mode === 'system' ? 'System' : 'User')
    .attr('os_type', spec.os === 'windows' ? 'Windows' : 'Linux')
    .attr('priority', spec.capacityType === 'spot' ? 'Spot' : 'Regular');
  if (spec.capacityType === 'spot') body.attr('eviction_policy', 'Delete');
  body.attr('auto_scaling_enabled', spec.autoscaling !== undefined);
  if (spec.autoscaling) body.attr('min_count', ctx.min).attr('max_count', ctx.max);
  body.attr('node_count', ctx.initial);
  body.attr('node_labels', spec.labels).attr('node_taints', spec.taints.map(formatTaint));
  if (spec.zones.length) body.attr('zones', spec.zones);
  if (spec.maxPodsPerNode !== undefined) body.attr('max_pods', spec.maxPodsPerNode);
  if (spec.diskSizeGb !== undefined) body.attr('os_disk_size_gb', spec.diskSizeGb);
  return { type: 'azurerm_kubernetes_cluster_node_pool', name: terraformName(spec.name), body, preamble };
}

function doks(ctx: RenderContext): TerraformResource {
  const { spec } = ctx;
  const preamble: HclItem[] = [{ block: 'data "digitalocean_kubernetes_cluster" "cluster"', body: [{ attr: 'name', value: ctx.cluster.cluster }] }];
  const body = new TerraformBody()
    .reference('cluster_id', 'data.digitalocean_kubernetes_cluster.cluster.id', ctx.cluster.cluster)
    .attr('name', spec.name)
    .attr('size', spec.machineTypes[0])
    .attr('auto_scale', spec.autoscaling !== undefined);
  if (spec.autoscaling) body.attr('min_nodes', ctx.min).attr('max_nodes', ctx.max);
  body.attr('node_count', ctx.initial).attr('labels', spec.labels);
  taints(body, ctx, false);
  return { type: 'digitalocean_kubernetes_node_pool', name: terraformName(spec.name), body, preamble };
}

function karpenter(ctx: RenderContext, manifest: Record<string, unknown>): TerraformResource {
  const body = new TerraformBody().attr('manifest', manifest as never);
  return { type: 'kubernetes_manifest', name: terraformName(ctx.spec.name), body, preamble: [] };
}

/** The resource for the request's kind; `manifest` is the Karpenter NodePool object. */
export function terraformResource(ctx: RenderContext, manifest: Record<string, unknown>, notes: string[]): TerraformResource {
  const resource = (() => {
    switch (ctx.spec.kind) {
      case 'eks-managed-node-group':
        return eks(ctx, notes);
      case 'gke-node-pool':
        return gke(ctx);
      case 'aks-node-pool':
        return aks(ctx, notes);
      case 'doks-node-pool':
        return doks(ctx);
      default:
        return karpenter(ctx, manifest);
    }
  })();
  resource.preamble.unshift({ comment: `pool ${commentText(ctx.spec.name)} in ${commentText(ctx.spec.cluster)}, owned by ${commentText(ctx.spec.owner)}` });
  return resource;
}

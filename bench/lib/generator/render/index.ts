import type { ClusterPlan, ExportShape } from '../plan';
import { renderAksArmList, renderAksCliList } from './aks';
import { renderDoksDoctlList, renderDoksRestList } from './doks';
import { renderEksDescribeList, renderEksNodegroupList } from './eks';
import { renderGkeGcloudList, renderGkeRestList } from './gke';
import { renderKarpenterYaml } from './karpenter';
import type { ExportRenderer, RenderedExport } from './types';

export type { RenderedExport } from './types';

const RENDERERS: Record<ExportShape, ExportRenderer> = {
  'eks-describe-nodegroup-list': renderEksDescribeList,
  'eks-nodegroup-list': renderEksNodegroupList,
  'karpenter-yaml': renderKarpenterYaml,
  'gke-rest-list': renderGkeRestList,
  'gke-gcloud-list': renderGkeGcloudList,
  'aks-arm-list': renderAksArmList,
  'aks-cli-list': renderAksCliList,
  'doks-rest-list': renderDoksRestList,
  'doks-doctl-list': renderDoksDoctlList,
};

/** The export file a cluster's cloud would have produced. */
export function renderCluster(plan: ClusterPlan): RenderedExport {
  return RENDERERS[plan.shape](plan);
}

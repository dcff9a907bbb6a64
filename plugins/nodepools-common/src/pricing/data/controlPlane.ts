/**
 * Managed control-plane fees, USD per cluster, as each cloud's pricing page
 * states them (read August 2026):
 *
 * - Amazon EKS pricing (aws.amazon.com/eks/pricing) and the AWS Containers
 *   blog "Amazon EKS extended support for Kubernetes versions pricing": $0.10
 *   per cluster per hour while the cluster's Kubernetes version is in standard
 *   support, $0.60 in extended support.
 * - Google Kubernetes Engine pricing (cloud.google.com/kubernetes-engine/pricing):
 *   a cluster management fee of $0.10 per cluster per hour for every mode and
 *   topology; the free tier gives each billing account $74.40 of monthly
 *   credit, which only zonal and Autopilot clusters can use (one such cluster
 *   a month).
 * - AKS cluster management tiers (learn.microsoft.com/azure/aks/free-standard-pricing-tiers,
 *   azure.microsoft.com/pricing/details/kubernetes-service): the Free tier
 *   costs nothing; the Standard tier $0.10 per cluster per hour. The Premium
 *   tier is not bundled (set `controlPlaneHourly` in config).
 * - DigitalOcean Kubernetes pricing (docs.digitalocean.com/products/kubernetes/details/pricing):
 *   the control plane is included at no cost; the high-availability control
 *   plane costs $40 per month, prorated hourly.
 *
 * To refresh: read those pages again and update the figures and the month above.
 */
import type { MachineCloud } from '../../machines';

export const CONTROL_PLANE_TIERS = ['free', 'standard', 'extended', 'ha'] as const;
/**
 * `free`: AKS Free tier, DOKS without HA. `standard`: EKS standard support,
 * GKE, AKS Standard tier. `extended`: EKS extended support. `ha`: DOKS
 * high-availability control plane.
 */
export type ControlPlaneTier = (typeof CONTROL_PLANE_TIERS)[number];

export interface ControlPlaneFeeRow {
  cloud: MachineCloud;
  tier: ControlPlaneTier;
  /** USD per cluster per hour. */
  hourly: number;
  /** USD per cluster per month where the cloud states a monthly price. */
  monthly?: number;
}

export const CONTROL_PLANE_FEES: readonly ControlPlaneFeeRow[] = [
  { cloud: 'aws', tier: 'standard', hourly: 0.1 },
  { cloud: 'aws', tier: 'extended', hourly: 0.6 },
  { cloud: 'gcp', tier: 'standard', hourly: 0.1 },
  { cloud: 'azure', tier: 'free', hourly: 0 },
  { cloud: 'azure', tier: 'standard', hourly: 0.1 },
  { cloud: 'digitalocean', tier: 'free', hourly: 0 },
  // $40 a month prorated hourly; the hourly figure uses the 672-hour month
  // DigitalOcean bills its nodes by.
  { cloud: 'digitalocean', tier: 'ha', hourly: 40 / 672, monthly: 40 },
];

/** The tier a cluster is priced at when its tier is not known: each cloud's default for a new cluster. */
export const DEFAULT_CONTROL_PLANE_TIER: Record<MachineCloud, ControlPlaneTier> = {
  aws: 'standard',
  gcp: 'standard',
  azure: 'free',
  digitalocean: 'free',
};

/** GKE's free-tier credit per billing account and month, which this model never subtracts. */
export const GKE_FREE_TIER_MONTHLY_CREDIT = 74.4;

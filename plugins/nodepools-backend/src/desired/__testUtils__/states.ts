/** A value only the state holds: no listing, error or log may ever carry it. */
export const STATE_SECRET = 'c2VjcmV0LWNsdXN0ZXItY2EtZGF0YS1kby1ub3QtbGVhaw==';

/**
 * A Terraform state (format 4) of one EKS cluster and its node groups, as
 * `terraform state pull` prints it: the cluster resource carries its CA
 * data, which must never leave the reader.
 */
export function eksState(options: { maxSize?: number; groups?: string[]; version?: number } = {}): string {
  const groups = options.groups ?? ['general'];
  return JSON.stringify({
    version: options.version ?? 4,
    terraform_version: '1.9.8',
    serial: 7,
    lineage: '3f1e0c2a-1111-4222-8333-444455556666',
    resources: [
      {
        mode: 'managed',
        type: 'aws_eks_cluster',
        name: 'prod',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [
          {
            schema_version: 0,
            attributes: {
              arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/payments-prod',
              id: 'payments-prod',
              name: 'payments-prod',
              version: '1.33',
              certificate_authority: [{ data: STATE_SECRET }],
            },
            sensitive_attributes: [],
          },
        ],
      },
      {
        mode: 'managed',
        type: 'aws_eks_node_group',
        name: 'pools',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: groups.map(name => ({
          index_key: name,
          schema_version: 0,
          attributes: {
            arn: `arn:aws:eks:eu-west-1:111122223333:nodegroup/payments-prod/${name}/0a`,
            cluster_name: 'payments-prod',
            node_group_name: name,
            id: `payments-prod:${name}`,
            scaling_config: [{ desired_size: 3, min_size: 2, max_size: options.maxSize ?? 6 }],
            instance_types: ['m6i.xlarge'],
            capacity_type: 'ON_DEMAND',
            labels: { workload: 'general' },
            taint: [],
            version: '1.33',
            tags: { owner: 'team-payments' },
            node_role_arn: `arn:aws:iam::111122223333:role/${STATE_SECRET.slice(0, 8)}`,
          },
          sensitive_attributes: [],
        })),
      },
    ],
  });
}

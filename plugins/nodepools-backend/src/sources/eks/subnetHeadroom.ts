import { DescribeSubnetsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { SourceResponseError, readPages, type RequestRunner } from '../http';
import { asObject } from '../objects';
import type { ScopeListing } from '../types';

/** Free addresses of one subnet, as `DescribeSubnets` reports it. */
export interface SubnetFacts {
  id: string;
  availableIps: number;
  cidr?: string;
}

/** The subnets of a cluster's node groups, read once per listing. */
export interface SubnetHeadroomReading {
  subnets: SubnetFacts[];
  observedAt: string;
}

/**
 * A cluster's node groups with what their subnets have left: pods on EKS
 * take VPC addresses (the VPC CNI), so a pool may be out of room while its
 * node count is well inside its range. Each pool's raw record names its
 * subnets (`subnets`); the reading covers all of them. Absent when the
 * subnets were not read (turned off, or `DescribeSubnets` failed).
 */
export interface EksScopeListing extends ScopeListing {
  subnetHeadroom?: SubnetHeadroomReading;
}

/** Ids per call: far below EC2's limit on filter values. */
const IDS_PER_CALL = 200;

/** The subnet ids a pool's raw EKS record names, or none. */
export function subnetIdsOfRecord(raw: unknown): string[] {
  const subnets = asObject(raw)?.subnets;
  return Array.isArray(subnets)
    ? subnets.filter((id): id is string => typeof id === 'string' && id !== '')
    : [];
}

/**
 * `DescribeSubnets` for the given ids, through the source's runner (its
 * retries, timeout and error classification), following `NextToken`.
 * Throws on a failed call and on a subnet without id or address count.
 */
export async function describeSubnets(
  client: EC2Client,
  runner: RequestRunner,
  ids: string[],
  options: { operation: string; signal?: AbortSignal },
): Promise<SubnetFacts[]> {
  const found: SubnetFacts[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_CALL) {
    const SubnetIds = ids.slice(i, i + IDS_PER_CALL);
    await readPages<SubnetFacts>(
      runner,
      {
        operation: options.operation,
        cursorName: 'NextToken',
        fetchPage: async (NextToken, abortSignal, pageOperation) => {
          const out = await client.send(new DescribeSubnetsCommand({ SubnetIds, NextToken }), {
            abortSignal,
          });
          if (!Array.isArray(out.Subnets)) {
            throw new SourceResponseError(pageOperation, "the answer has no 'subnetSet'");
          }
          return {
            items: out.Subnets.map((subnet, index) => subnetFacts(subnet, index, pageOperation)),
            next: out.NextToken,
          };
        },
        onPage: items => found.push(...items),
      },
      { signal: options.signal },
    );
  }
  return found;
}

function subnetFacts(
  subnet: { SubnetId?: string; AvailableIpAddressCount?: number; CidrBlock?: string },
  index: number,
  operation: string,
): SubnetFacts {
  if (!subnet.SubnetId) {
    throw new SourceResponseError(operation, `subnetSet item ${index + 1}: no 'subnetId'`);
  }
  const available = subnet.AvailableIpAddressCount;
  if (typeof available !== 'number' || !Number.isInteger(available) || available < 0) {
    throw new SourceResponseError(
      operation,
      `subnet '${subnet.SubnetId}': 'availableIpAddressCount' must be a whole number, got ${String(available)}`,
    );
  }
  return {
    id: subnet.SubnetId,
    availableIps: available,
    ...(subnet.CidrBlock ? { cidr: subnet.CidrBlock } : {}),
  };
}

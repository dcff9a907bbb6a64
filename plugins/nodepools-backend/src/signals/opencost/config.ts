import type { Config } from '@backstage/config';
import { parseClusterRef, type ClusterIdentity } from '@nodepools/plugin-nodepools-common';
import { baseUrl } from '../../sources/http';

/** One OpenCost to read node costs from, for one cluster of the inventory. */
export interface OpenCostEndpoint {
  baseUrl: string;
  /** The cluster's ref when config gives one; else only its name is known. */
  cluster: { ref: ClusterIdentity } | { name: string };
  /** OpenCost's window, e.g. `7d`, `24h`, `30d`. */
  window: string;
}

const KEY = 'nodepools.cost.opencost';
export const DEFAULT_OPENCOST_WINDOW = '7d';
/** OpenCost's relative windows: a number of minutes, hours, days or weeks. */
const WINDOW = /^[1-9]\d{0,3}[mhdw]$/;

/** `nodepools.cost.opencost`: a list of `{ baseUrl, cluster, window? }`; errors name the key. */
export function readOpenCostEndpoints(config: Config): OpenCostEndpoint[] {
  const blocks = config.getOptionalConfigArray(KEY) ?? [];
  return blocks.map((block, index) => {
    const at = `${KEY}[${index}]`;
    let url: string;
    try {
      url = baseUrl(block.getString('baseUrl'));
    } catch (error) {
      throw new Error(`${at}.baseUrl: ${(error as Error).message}`);
    }
    const cluster = block.getString('cluster').trim();
    if (!cluster) throw new Error(`${at}.cluster: must name a cluster (its ref or its name)`);
    const window = block.getOptionalString('window') ?? DEFAULT_OPENCOST_WINDOW;
    if (!WINDOW.test(window)) {
      throw new Error(`${at}.window: expected a duration such as 24h, 7d or 2w, got '${window}'`);
    }
    return { baseUrl: url, cluster: clusterOf(cluster, `${at}.cluster`), window };
  });
}

function clusterOf(value: string, at: string): OpenCostEndpoint['cluster'] {
  if (!value.includes('/')) return { name: value };
  try {
    return { ref: parseClusterRef(value) };
  } catch (error) {
    throw new Error(`${at}: ${(error as Error).message}`);
  }
}

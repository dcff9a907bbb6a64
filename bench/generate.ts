/*
 * Writes a generated inventory to a directory, for trying the plugins at
 * scale by hand: one export file per cluster in its cloud's own format, and
 * `sources.yaml`, the file source block to pass as an extra config.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/generate.ts DIR [CLUSTERS]
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sourcesConfigYaml, writeInventory } from './lib/generator';

async function main() {
  const [dirArg, clustersArg = '2000'] = process.argv.slice(2);
  const clusters = Number(clustersArg);
  if (!dirArg || !Number.isInteger(clusters) || clusters < 1) {
    console.error(
      'usage: generate.ts DIR [CLUSTERS]  (CLUSTERS defaults to 2000, 5 pools each on average)',
    );
    process.exit(2);
  }
  const dir = path.resolve(dirArg);
  await fs.mkdir(dir, { recursive: true });
  const inventory = await writeInventory({ dir, clusters });
  await fs.writeFile(path.join(dir, 'sources.yaml'), sourcesConfigYaml(inventory.files));
  const megabytes = (inventory.bytes / 1e6).toFixed(1);
  console.log(
    `${inventory.files.length} clusters, ${inventory.poolCount} pools, ${megabytes} MB in ${dir}; ` +
      `file source config in ${path.join(dir, 'sources.yaml')}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

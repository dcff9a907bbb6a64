import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { ownerFromPool } from '../model/owner';
import { poolRef, PROVIDERS, type PoolSpec } from '../model/pool';
import { parseExport } from './parseExport';
import type { ExportContext, ParsedExport } from './types';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

interface FileSourceEntry extends ExportContext {
  path: string;
}

function configuredFiles(): FileSourceEntry[] {
  const config = parseYaml(fs.readFileSync(path.join(REPO_ROOT, 'sample-inventory/sources.yaml'), 'utf8'));
  return config.nodepools.sources.files;
}

function loadInventory(): ParsedExport[] {
  return configuredFiles().map(({ path: file, ...ctx }) =>
    parseExport(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'), { file, ...ctx }),
  );
}

describe('the bundled sample inventory', () => {
  const exports = loadInventory();
  const pools: PoolSpec[] = exports.flatMap(e => e.pools);

  it('imports without a warning', () => {
    expect(exports.flatMap(e => e.warnings)).toEqual([]);
  });

  it('lists every file of the folder in sources.yaml', () => {
    const listed = configuredFiles().map(f => path.basename(f.path)).sort();
    const present = fs
      .readdirSync(path.join(REPO_ROOT, 'sample-inventory'))
      .filter(name => /\.(json|ya?ml)$/.test(name) && name !== 'sources.yaml')
      .sort();
    expect(listed).toEqual(present);
  });

  it('has at least 60 pools on 6 to 12 clusters, with unique refs', () => {
    expect(pools.length).toBeGreaterThanOrEqual(60);
    const clusters = new Set(pools.map(p => p.cluster));
    expect(clusters.size).toBeGreaterThanOrEqual(6);
    expect(clusters.size).toBeLessThanOrEqual(12);
    const refs = pools.map(poolRef);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('covers every cloud provider', () => {
    const providers = new Set(pools.map(p => p.provider));
    expect([...providers].sort()).toEqual(PROVIDERS.filter(p => p !== 'kubernetes').sort());
  });

  it.each(['eks', 'karpenter', 'gke', 'aks'] as const)('has spot, ARM and Windows %s pools', provider => {
    const ofProvider = pools.filter(p => p.provider === provider);
    expect(ofProvider.some(p => p.capacityType === 'spot')).toBe(true);
    expect(ofProvider.some(p => p.arch === 'arm64')).toBe(true);
    expect(ofProvider.some(p => p.os === 'windows')).toBe(true);
  });

  it('has system pools from EKS, EKS Auto Mode and AKS', () => {
    const system = new Set(pools.filter(p => p.mode === 'system').map(p => p.provider));
    expect([...system].sort()).toEqual(['aks', 'eks', 'karpenter']);
  });

  it('leaves about one pool in ten without an owner', () => {
    const unowned = pools.filter(p => !ownerFromPool(p)).length / pools.length;
    expect(unowned).toBeGreaterThan(0.05);
    expect(unowned).toBeLessThan(0.2);
  });
});

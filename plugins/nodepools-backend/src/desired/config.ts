import type { Config } from '@backstage/config';
import type { DesiredEntry } from './listing';

/** The key of the `index`th block of a kind, for error messages: `nodepools.desired.s3[0]`. */
export function desiredBlockKey(kind: string, index: number): string {
  return `nodepools.desired.${kind}[${index}]`;
}

/** The blocks of one kind of desired-state source. */
export function readDesiredBlocks(config: Config, kind: string): Config[] {
  return config.getOptionalConfigArray(`nodepools.desired.${kind}`) ?? [];
}

/** `cluster`, `region`, `account` and `override` of a configured state or manifest. */
export function readDesiredEntry(block: Config): DesiredEntry {
  const entry: DesiredEntry = {};
  for (const key of ['cluster', 'region', 'account'] as const) {
    const value = block.getOptionalString(key);
    if (value !== undefined) entry[key] = value;
  }
  const override = block.getOptionalBoolean('override');
  if (override !== undefined) entry.override = override;
  return entry;
}

/** A list of entries under `key` of a block, each with its own key read by `read`; at least one. */
export function readEntries<T>(block: Config, key: string, where: string, read: (entry: Config) => T): T[] {
  const entries = block.getConfigArray(key);
  if (!entries.length) throw new Error(`${where}.${key}: list at least one`);
  return entries.map(read);
}

import type { RecordReader } from '../../parsers/fields';
import type { Provider } from '../../model/pool';
import type { PoolDraft } from '../pool';
import type { DesiredCluster, PoolTarget } from '../types';
import type { AttributeShape } from './whitelist';

/** A cluster as a cluster resource declares it, before source and format are added. */
export type ClusterDraft = Omit<DesiredCluster, 'format' | 'source'>;

/** What a pool resource can look up beyond its own attributes. */
export interface ResourceScope {
  address: string;
  /** The cluster declared in the same state with this provider id, if any. */
  clusterById(id: string): ClusterDraft | undefined;
  /** Says once that something was left out or guessed, without values. */
  note(message: string): void;
}

/** The identity a pool block inherits from its cluster resource. */
export interface ClusterIdentity {
  provider: Provider;
  account?: string;
  region?: string;
  cluster: string;
  target?: PoolTarget;
  autoUpgrade?: boolean;
}

/** One Terraform resource type that declares node pools. */
export interface PoolResourceReader {
  type: string;
  /** The only attributes read; everything else of the instance is never looked at. */
  shape: { readonly [key: string]: AttributeShape };
  read(r: RecordReader, scope: ResourceScope): PoolDraft[];
}

/** One Terraform cluster resource: its identity and version, and the pools declared inside it. */
export interface ClusterResourceReader {
  type: string;
  shape: { readonly [key: string]: AttributeShape };
  readCluster(r: RecordReader, address: string): ClusterDraft | undefined;
  readPools?(r: RecordReader, cluster: ClusterDraft, scope: ResourceScope): PoolDraft[];
}

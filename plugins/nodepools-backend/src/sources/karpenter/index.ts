export { KarpenterSource, listKarpenterScope, KARPENTER_SCOPE_PREFIX } from './KarpenterSource';
export {
  listKarpenterNodePools,
  countNodeClaimsByPool,
  KARPENTER_GROUP,
  KARPENTER_VERSIONS,
  type KarpenterNodePools,
  type KarpenterVersion,
} from './listKarpenter';

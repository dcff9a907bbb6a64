export {
  QuantityParseError,
  parseExactQuantity,
  parseQuantity,
  quantityToInteger,
  quantityToMilli,
  scaledValue,
} from './parse';
export type { ExactQuantity } from './parse';
export { formatBytes, formatMillicores, formatResourceAmount } from './format';

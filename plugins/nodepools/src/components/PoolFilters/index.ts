export { PoolFilters, SEARCH_DEBOUNCE_MS } from './PoolFilters';
export type { PoolFiltersProps } from './PoolFilters';

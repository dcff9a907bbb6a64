import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useDebounce from 'react-use/esm/useDebounce';
import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import {
  POOL_SORT_FIELDS,
  type PoolFacets,
  type PoolQuery,
  type PoolSortField,
} from '@nodepools/plugin-nodepools-common';
import {
  capacityTypeLabel,
  modeLabel,
  providerLabel,
} from '../../lib/format';
import { POOL_FILTER_KEYS, type PoolFilterKey } from '../../lib/poolQuery';

export interface PoolFiltersProps {
  query: PoolQuery;
  /** Values to offer in each picker; the current selection is always offered. */
  facets?: PoolFacets;
  onChange(next: PoolQuery, options?: { replace?: boolean }): void;
}

/** How long typing must pause before the search is sent. */
export const SEARCH_DEBOUNCE_MS = 300;

function ownerLabel(owner: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(owner), { defaultKind: 'group' });
  } catch {
    return owner;
  }
}

const FILTERS: Record<PoolFilterKey, { label: string; optionLabel(value: string): string }> = {
  provider: { label: 'Cloud', optionLabel: providerLabel },
  cluster: { label: 'Cluster', optionLabel: v => v },
  region: { label: 'Region', optionLabel: v => v },
  owner: { label: 'Owner', optionLabel: ownerLabel },
  mode: { label: 'Mode', optionLabel: modeLabel },
  capacityType: { label: 'Capacity type', optionLabel: capacityTypeLabel },
};

const SORT_LABELS: Record<PoolSortField, string> = {
  name: 'Name',
  cluster: 'Cluster',
  provider: 'Cloud',
  region: 'Region',
  owner: 'Owner',
  nodeCount: 'Node count',
  lastSeenAt: 'Last seen',
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
    gap: theme.spacing(1.5),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  search: { gridColumn: 'span 2' },
}));

function withFilter(query: PoolQuery, key: PoolFilterKey, values: string[]): PoolQuery {
  const next = { ...query };
  if (values.length) next[key] = values;
  else delete next[key];
  return next;
}

function MultiFilter(props: {
  id: string;
  label: string;
  options: string[];
  value: string[];
  optionLabel(value: string): string;
  onChange(values: string[]): void;
}) {
  const { id, label, options, value, optionLabel, onChange } = props;
  // A value from a shared link may be absent from the facets (a removed
  // cluster); keep it selectable so the user can see and clear it.
  const allOptions = [...new Set([...options, ...value])];
  return (
    <Autocomplete
      id={id}
      multiple
      size="small"
      limitTags={2}
      options={allOptions}
      value={value}
      getOptionLabel={optionLabel}
      filterSelectedOptions
      onChange={(_event, values) => onChange(values)}
      renderInput={params => (
        <TextField {...params} variant="outlined" label={label} />
      )}
    />
  );
}

/**
 * The pool list's filter bar: one multi-select per facet, free-text search,
 * sort and order. It only reports changes; the page keeps them in the URL.
 */
export function PoolFilters({ query, facets, onChange }: PoolFiltersProps) {
  const classes = useStyles();
  const [text, setText] = useState(query.q ?? '');
  const textRef = useRef(text);
  textRef.current = text;

  // Follow the URL when it changes under us (back button, a shared link), but
  // not when it merely caught up with what is being typed.
  useEffect(() => {
    if ((query.q ?? '') !== textRef.current.trim()) setText(query.q ?? '');
  }, [query.q]);

  useDebounce(
    () => {
      const q = text.trim();
      if (q === (query.q ?? '')) return;
      const next = { ...query };
      if (q) next.q = q;
      else delete next.q;
      onChange(next, { replace: true });
    },
    SEARCH_DEBOUNCE_MS,
    [text],
  );

  const hasFilters =
    POOL_FILTER_KEYS.some(key => query[key]?.length) || Boolean(query.q);

  return (
    <div className={classes.root} role="search" aria-label="Pool filters">
      <TextField
        className={classes.search}
        variant="outlined"
        size="small"
        type="search"
        label="Search"
        id="nodepools-filter-q"
        value={text}
        onChange={(event: ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        }}
      />
      {POOL_FILTER_KEYS.map(key => (
        <MultiFilter
          key={key}
          id={`nodepools-filter-${key}`}
          label={FILTERS[key].label}
          options={facets?.[key] ?? []}
          value={query[key] ?? []}
          optionLabel={FILTERS[key].optionLabel}
          onChange={values => onChange(withFilter(query, key, values))}
        />
      ))}
      <TextField
        select
        variant="outlined"
        size="small"
        label="Sort by"
        id="nodepools-sort"
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        value={query.sort ?? ''}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          const next = { ...query };
          const sort = event.target.value as PoolSortField | '';
          if (sort) next.sort = sort;
          else delete next.sort;
          onChange(next);
        }}
      >
        <option value="">Default</option>
        {POOL_SORT_FIELDS.map(field => (
          <option key={field} value={field}>
            {SORT_LABELS[field]}
          </option>
        ))}
      </TextField>
      <TextField
        select
        variant="outlined"
        size="small"
        label="Order"
        id="nodepools-order"
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        value={query.order ?? 'asc'}
        onChange={(event: ChangeEvent<HTMLInputElement>) =>
          onChange({ ...query, order: event.target.value as 'asc' | 'desc' })
        }
      >
        <option value="asc">Ascending</option>
        <option value="desc">Descending</option>
      </TextField>
      <FormControlLabel
        label="Show removed pools"
        control={
          <Checkbox
            size="small"
            checked={Boolean(query.includeTombstoned)}
            onChange={(_event, checked) => {
              const next = { ...query };
              if (checked) next.includeTombstoned = true;
              else delete next.includeTombstoned;
              onChange(next);
            }}
          />
        }
      />
      {hasFilters && (
        <Button
          variant="text"
          onClick={() => {
            setText('');
            const next: PoolQuery = {};
            if (query.sort) next.sort = query.sort;
            if (query.order) next.order = query.order;
            if (query.includeTombstoned) next.includeTombstoned = true;
            onChange(next);
          }}
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FindingQuery, GovernanceFindingRecord } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { FindingsTable } from '../GovernanceFinding';

/** The findings the filters select, most severe first, a page at a time. */
export function FindingsSection({ query, onChanged }: { query: FindingQuery; onChanged(): void }) {
  const api = useApi(nodePoolsApiRef);
  const key = JSON.stringify(query);
  const first = useAsyncRetry(() => api.listFindings(query), [api, key]);
  const [more, setMore] = useState<GovernanceFindingRecord[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [moreError, setMoreError] = useState<Error>();

  useEffect(() => {
    setMore([]);
    setCursor(first.value?.nextCursor);
    setMoreError(undefined);
  }, [first.value]);

  if (first.loading && !first.value) return <Progress />;
  if (first.error) return <ResponseErrorPanel error={first.error} title="Findings could not be loaded" />;
  const items = [...(first.value?.items ?? []), ...more];
  const total = first.value?.totalCount ?? 0;

  const loadMore = async () => {
    try {
      const page = await api.listFindings({ ...query, cursor });
      setMore(previous => [...previous, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setMoreError(e as Error);
    }
  };

  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <Typography variant="body2" data-testid="findings-total">
        {total} finding{total === 1 ? '' : 's'}
        {items.length < total ? `, the first ${items.length} shown` : ''}
      </Typography>
      {items.length > 0 && (
        <FindingsTable
          findings={items}
          onChanged={() => {
            first.retry();
            onChanged();
          }}
        />
      )}
      {moreError && <ResponseErrorPanel error={moreError} title="More findings could not be loaded" />}
      {cursor && (
        <Box>
          <Button variant="outlined" size="small" onClick={loadMore}>
            Show more
          </Button>
        </Box>
      )}
    </Box>
  );
}

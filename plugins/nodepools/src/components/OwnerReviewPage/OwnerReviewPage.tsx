import { useEffect, useState } from 'react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useParams } from 'react-router-dom';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { OwnerReview } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { formatUsd } from '../../lib/requestFormat';
import { ExportButtons } from '../ExportButtons';
import { OwnerHistoryCharts } from '../GovernanceCharts';
import { FindingsTable } from '../GovernanceFinding';
import { OwnerLink } from '../OwnerLink';
import { PageFrame } from '../PageFrame';
import { ReviewActions } from './ReviewActions';
import { ReviewPoolTable } from './ReviewPoolTable';
import { useReviewPermissions } from './useReviewPermissions';

function decodeRef(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    return raw ?? '';
  }
}

function ReviewBody({ review, onChanged }: { review: OwnerReview; onChanged(): void }) {
  const permissions = useReviewPermissions(review.pools.map(p => p.ref));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Pools handed over leave the review: drop them from the selection.
  useEffect(() => {
    setSelected(previous => new Set([...previous].filter(ref => review.pools.some(p => p.ref === ref))));
  }, [review]);
  const due = review.pools.filter(p => p.confirmationDue).length;
  const { totals } = review;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="h6" data-testid="review-summary">
          {review.pools.length} pool{review.pools.length === 1 ? '' : 's'}, {formatUsd(totals.monthlyCost)}/month of which{' '}
          {formatUsd(totals.idleMonthly)} idle; {due} due for confirmation
        </Typography>
        <Typography variant="body2" color="textSecondary">
          The review period is {review.period.days} days, since {review.period.since.slice(0, 10)}.
        </Typography>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Pools" noPadding>
          {review.pools.length ? (
            <ReviewPoolTable
              pools={review.pools}
              selected={selected}
              selectable={permissions.allowed}
              onSelect={(ref, on) =>
                setSelected(previous => {
                  const next = new Set(previous);
                  if (on) next.add(ref);
                  else next.delete(ref);
                  return next;
                })
              }
            />
          ) : (
            <Typography variant="body2" color="textSecondary" style={{ padding: 16 }}>
              This owner has no pools.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        {permissions.loading ? (
          <Progress />
        ) : (
          <ReviewActions
            owner={review.owner}
            selected={[...selected]}
            allowed={permissions.allowed.size > 0 || !review.pools.length}
            onDone={() => {
              setSelected(new Set());
              onChanged();
            }}
          />
        )}
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Over time">
          <OwnerHistoryCharts history={review.history} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={`Findings (${review.findings.length})`} noPadding>
          {review.findings.length ? (
            <FindingsTable findings={review.findings} hideOwner onChanged={onChanged} />
          ) : (
            <Typography variant="body2" color="textSecondary" style={{ padding: 16 }}>
              No open findings on this owner's pools.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Exports" subheader="Filtered to this owner">
          <ExportButtons
            queries={{
              pools: { owner: [review.owner] },
              findings: { owner: [review.owner], state: 'all' },
              costs: { owner: [review.owner], groupBy: 'cluster' },
            }}
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/**
 * One owner's review of its pools: what they cost and leave idle, what to
 * change, where they stand for upgrades and pod addresses, and whether the
 * owner confirmed them this period. The `ref` route parameter is the
 * owner's entity ref, URL-encoded.
 */
export function OwnerReviewPage() {
  const api = useApi(nodePoolsApiRef);
  const owner = decodeRef(useParams().ref);
  // Read again after each confirmation: the review is what the backend stored, not a guess.
  const loaded = useAsyncRetry(() => api.getOwnerReview(owner), [api, owner]);
  const review = loaded.value;

  let body;
  if (loaded.loading && !loaded.value) body = <Progress />;
  else if (loaded.error) body = <ResponseErrorPanel error={loaded.error} title="The review could not be loaded" />;
  else if (review) {
    body = (
      <ReviewBody review={review} onChanged={loaded.retry} />
    );
  }
  return (
    <PageFrame title={`Review of ${owner}`} subtitle="Confirm the pools this owner runs, or hand them over" titleInContent>
      <Typography variant="body2" component="div" style={{ marginBottom: 16 }}>
        Owner: <OwnerLink owner={owner} />
      </Typography>
      {body}
    </PageFrame>
  );
}

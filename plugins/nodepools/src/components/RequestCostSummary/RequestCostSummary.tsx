import type { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { RequestCost } from '@nodepools/plugin-nodepools-common';
import { formatUsd } from '../../lib/requestFormat';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    ...theme.typography.body2,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
  over: { color: theme.palette.error.main, fontWeight: 'bold' },
}));

function Fact({ term, id, children }: { term: string; id: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd data-testid={`cost-${id}`}>{children}</dd>
    </>
  );
}

function nodesText(nodes: number): string {
  return `${nodes} ${nodes === 1 ? 'node' : 'nodes'}`;
}

/** What the request costs a month at its smallest and largest size, and its owner's pools with it. */
export function RequestCostSummary({ cost }: { cost: RequestCost }) {
  const classes = useStyles();
  const overQuota =
    cost.ownerQuotaMonthly !== undefined &&
    cost.ownerAfterMonthly !== undefined &&
    cost.ownerAfterMonthly > cost.ownerQuotaMonthly;
  return (
    <div data-testid="request-cost">
      {cost.known ? (
        <dl className={classes.facts} aria-label="Monthly cost">
          {cost.nodeMonthly !== undefined && <Fact term="Per node" id="node">{`${formatUsd(cost.nodeMonthly)}/mo`}</Fact>}
          {cost.min && (
            <Fact term="At minimum size" id="min">{`${formatUsd(cost.min.monthly)}/mo (${nodesText(cost.min.nodes)})`}</Fact>
          )}
          {cost.max && (
            <Fact term="At maximum size" id="max">{`${formatUsd(cost.max.monthly)}/mo (${nodesText(cost.max.nodes)})`}</Fact>
          )}
          <Fact term="Owner's pools now" id="owner-now">{`${formatUsd(cost.ownerCurrentMonthly)}/mo`}</Fact>
          {cost.ownerAfterMonthly !== undefined && (
            <Fact term="Owner's pools with this one" id="owner-after">
              <span className={overQuota ? classes.over : undefined}>{`${formatUsd(cost.ownerAfterMonthly)}/mo`}</span>
            </Fact>
          )}
          {cost.ownerQuotaMonthly !== undefined && (
            <Fact term="Owner's quota" id="quota">{`${formatUsd(cost.ownerQuotaMonthly)}/mo`}</Fact>
          )}
        </dl>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No price is known for this request yet.
        </Typography>
      )}
      {cost.notes.length > 0 && (
        <ul data-testid="cost-notes">
          {cost.notes.map(note => (
            <li key={`${note.code}:${note.message}`}>
              <Typography variant="caption" color="textSecondary">
                {note.message}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

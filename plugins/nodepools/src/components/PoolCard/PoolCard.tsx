import { memo, type ReactNode } from 'react';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import type { PoolListItem } from '@nodepools/plugin-nodepools-common';
import { capacityTypeLabel, modeLabel, providerLabel } from '../../lib/format';
import { PoolNodesSummary } from '../PoolNodesSummary';
import { OwnerLink } from '../OwnerLink';
import { DriftBadge } from '../DriftBadge';
import { PoolBadges } from '../PoolBadges';
import { RelativeTime } from '../RelativeTime';
import { TaintChips } from '../TaintChips';
import { TriagePendingFit } from '../TriagePendingFit';

export interface PoolCardProps {
  /** A listed pool, or a whole one (the pool page). */
  pool: PoolListItem;
  /** Link to the pool's page; the name is plain text without it. */
  to?: string;
  /** Pending pods of the pool's cluster that a node added to this pool would take. */
  pendingFitAfterScaleUp?: number;
  /** The triage page of the pool's cluster. */
  triageLink?: string;
}

const MACHINE_TYPES_SHOWN = 3;

const useStyles = makeStyles(theme => ({
  card: { height: '100%', display: 'flex', flexDirection: 'column' },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    flexGrow: 1,
  },
  where: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  title: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
    wordBreak: 'break-all',
  },
  chips: { display: 'flex', gap: theme.spacing(0.5), flexWrap: 'wrap' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(1.5),
    rowGap: theme.spacing(0.25),
    margin: 0,
    marginTop: 'auto',
    ...theme.typography.body2,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
}));

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function machineTypesText(machineTypes: string[]): string {
  if (!machineTypes.length) return 'Not reported';
  const shown = machineTypes.slice(0, MACHINE_TYPES_SHOWN).join(', ');
  const more = machineTypes.length - MACHINE_TYPES_SHOWN;
  return more > 0 ? `${shown} +${more} more` : shown;
}

function PoolCardComponent({ pool, to, pendingFitAfterScaleUp, triageLink }: PoolCardProps) {
  const classes = useStyles();
  const platform = pool.arch ? `${pool.os}/${pool.arch}` : pool.os;
  return (
    <Card
      className={classes.card}
      variant="outlined"
      data-testid="pool-card"
      data-ref={pool.ref}
    >
      <CardContent className={classes.content}>
        <div className={classes.where}>
          <Chip size="small" color="primary" label={providerLabel(pool.provider)} />
          <Typography variant="body2" color="textSecondary" component="span">
            {pool.cluster}
            {pool.region ? ` · ${pool.region}` : ''}
          </Typography>
        </div>
        <div className={classes.title}>
          <Typography variant="h6" component="h3">
            {to ? <Link to={to}>{pool.name}</Link> : pool.name}
          </Typography>
          <PoolBadges pool={pool} />
          <DriftBadge poolRef={pool.ref} />
        </div>
        <div className={classes.chips}>
          <Chip
            size="small"
            variant={pool.mode === 'system' ? 'default' : 'outlined'}
            label={modeLabel(pool.mode)}
            data-testid="pool-mode"
          />
          <Chip
            size="small"
            variant={pool.capacityType === 'on-demand' ? 'outlined' : 'default'}
            label={capacityTypeLabel(pool.capacityType)}
            data-testid="pool-capacity"
          />
          <Chip size="small" variant="outlined" label={platform} data-testid="pool-platform" />
        </div>
        <Typography variant="body2" title={pool.machineTypes.join(', ')} data-testid="pool-machine-types">
          {machineTypesText(pool.machineTypes)}
        </Typography>
        <PoolNodesSummary pool={pool} />
        {pendingFitAfterScaleUp !== undefined && pendingFitAfterScaleUp > 0 && (
          <TriagePendingFit count={pendingFitAfterScaleUp} to={triageLink} />
        )}
        {pool.taints.length > 0 && (
          <div className={classes.chips} aria-label="Taints">
            <TaintChips taints={pool.taints} />
          </div>
        )}
        <dl className={classes.facts}>
          <Fact term="Owner">
            <OwnerLink owner={pool.owner} ownerSource={pool.ownerSource} />
          </Fact>
          <Fact term="Kubernetes">{pool.kubernetesVersion ?? '—'}</Fact>
          <Fact term="State">{pool.state ?? '—'}</Fact>
          <Fact term="Source">{pool.source}</Fact>
          <Fact term="Last seen">
            <RelativeTime value={pool.lastSeenAt} />
          </Fact>
        </dl>
      </CardContent>
    </Card>
  );
}

/**
 * One pool at a glance. Memoized: the pool list re-renders often (every page
 * loaded, every filter typed) while most cards stay the same.
 */
export const PoolCard = memo(PoolCardComponent);

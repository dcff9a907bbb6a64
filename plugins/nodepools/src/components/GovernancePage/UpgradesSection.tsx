import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { UpgradePosture } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef, type UpgradeQuery } from '../../api';
import { usePoolLink } from '../../hooks/usePoolLink';
import { flagLabel } from '../GovernanceFinding';

/** `1.30 → 1.31 (1 minor behind)`: the nodes' version against the control plane's. */
export function versionText(upgrade: UpgradePosture): string {
  const nodes = upgrade.kubernetesVersion ?? 'unknown';
  if (!upgrade.controlPlaneVersion) return nodes;
  const skew = upgrade.minorSkew ? ` (${upgrade.minorSkew} minor behind)` : '';
  return `${nodes} → ${upgrade.controlPlaneVersion}${skew}`;
}

export function surgeText(upgrade: UpgradePosture): string {
  return upgrade.surge ? Object.entries(upgrade.surge).map(([k, v]) => `${k}: ${v}`).join(', ') : 'default';
}

/** The pools in the order to upgrade them, one at a time, with what to watch at each. */
export function UpgradesSection({ query }: { query: UpgradeQuery }) {
  const api = useApi(nodePoolsApiRef);
  const poolLink = usePoolLink();
  const plan = useAsync(() => api.getUpgradePlan(query), [api, query.cluster, query.owner]);
  if (plan.loading) return <Progress />;
  if (plan.error) return <ResponseErrorPanel error={plan.error} title="The upgrade plan could not be loaded" />;
  const steps = plan.value?.steps ?? [];
  if (!steps.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No pool to upgrade for these filters.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Upgrade plan">
      <TableHead>
        <TableRow>
          <TableCell>Step</TableCell>
          <TableCell>Pool</TableCell>
          <TableCell>Cluster</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Version (nodes → control plane)</TableCell>
          <TableCell>Surge</TableCell>
          <TableCell>End of support</TableCell>
          <TableCell>Watch out</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {steps.map(step => {
          const link = poolLink(step.pool.ref);
          const { upgrade } = step.pool;
          return (
            <TableRow key={step.pool.ref} data-testid="upgrade-step" data-order={step.order}>
              <TableCell>{step.order}</TableCell>
              <TableCell>{link ? <Link to={link}>{step.pool.name}</Link> : step.pool.name}</TableCell>
              <TableCell>{step.pool.cluster}</TableCell>
              <TableCell>{step.pool.owner ?? 'No owner'}</TableCell>
              <TableCell>{versionText(upgrade)}</TableCell>
              <TableCell>{surgeText(upgrade)}</TableCell>
              <TableCell>{upgrade.endOfSupport?.slice(0, 10) ?? ''}</TableCell>
              <TableCell>
                {upgrade.upgradeInProgress && (
                  <Chip size="small" label="Upgrading now" title={upgrade.upgradeSignals.join('; ')} />
                )}
                {step.flags.map(flag => (
                  <Chip key={flag} size="small" variant="outlined" label={flagLabel(flag)} data-flag={flag} />
                ))}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  EmptyState,
  InfoCard,
  Link,
  LinkButton,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRefParams } from '@backstage/core-plugin-api';
import { DESIRED_STATES, type PoolRequestDetail } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { usePoolLink } from '../../hooks/usePoolLink';
import { useEditRequestLink } from '../../hooks/useRequestLinks';
import { requestErrorMessage, requestStateLabel, statusOf } from '../../lib/requestFormat';
import { requestRouteRef } from '../../routes';
import { ApiErrorPanel } from '../ApiErrorPanel';
import { PageFrame } from '../PageFrame';
import { RequestCostSummary } from '../RequestCostSummary';
import { PolicyCheckList } from '../RequestForm/PolicyCheckList';
import { RequestActions } from './RequestActions';
import { RequestAuditTable } from './RequestAuditTable';
import { RenderedRequestView } from './RenderedRequestView';
import { RequestSpecTable } from './RequestSpecTable';
import { RequestStateChip } from './RequestStateChip';

/** The request's current policy checks and cost, asked once per version. */
function RequestChecks({ request }: { request: PoolRequestDetail }) {
  const api = useApi(nodePoolsApiRef);
  const checks = useAsync(
    () => api.validateRequest({ spec: request.spec, requestId: request.id }),
    [api, request.id, request.version],
  );
  if (checks.loading) return <Progress />;
  if (checks.error) return <WarningPanel title="Cost and policies could not be checked" message={requestErrorMessage(checks.error)} />;
  const result = checks.value!;
  const open = ['draft', 'submitted', 'approved'].includes(request.state);
  return (
    <>
      <RequestCostSummary cost={result.cost} />
      {open && (
        <Box mt={2}>
          <Typography variant="subtitle2">Policy checks now</Typography>
          <PolicyCheckList violations={result.violations} checking={false} />
        </Box>
      )}
    </>
  );
}

function RequestDetails({ request, onChanged, onReload }: { request: PoolRequestDetail; onChanged(r: PoolRequestDetail): void; onReload(): void }) {
  const poolLink = usePoolLink();
  const link = request.poolRef ? poolLink(request.poolRef) : undefined;
  const edit = useEditRequestLink()(request.id);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={7}>
        <InfoCard title="Requested pool">
          <RequestSpecTable spec={request.spec} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title="State">
          <Box display="flex" flexDirection="column" gridGap={8}>
            <RequestStateChip state={request.state} />
            {request.stateReason && <Typography variant="body2">{request.stateReason}</Typography>}
            <Typography variant="body2" color="textSecondary">
              {`Requested by ${request.requester}${request.approver ? `; decided by ${request.approver}` : ''}`}
            </Typography>
            {request.state === 'submitted' && (
              <Typography variant="body2" color="textSecondary" data-testid="request-approvers">
                {request.approvers.length
                  ? `Approvers: ${request.approvers.join(', ')}`
                  : 'Anyone allowed to approve pool requests may decide'}
              </Typography>
            )}
            {request.poolRef && (
              <Typography variant="body2">
                {'Pool: '}
                {link ? <Link to={link}>{request.poolRef}</Link> : request.poolRef}
              </Typography>
            )}
            {request.allowed.includes('edit') && edit && (
              <div>
                <LinkButton variant="outlined" color="primary" to={edit}>
                  Edit the draft
                </LinkButton>
              </div>
            )}
            <RequestActions request={request} onChanged={onChanged} onReload={onReload} />
          </Box>
        </InfoCard>
        <Box mt={3}>
          <InfoCard title="Monthly cost">
            <RequestChecks request={request} />
          </InfoCard>
        </Box>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Create the pool" subheader={DESIRED_STATES.includes(request.state) ? undefined : 'Shown once the request is approved'}>
          {request.rendered ? (
            <RenderedRequestView rendered={request.rendered} />
          ) : (
            <Typography variant="body2" color="textSecondary" data-testid="request-not-rendered">
              The Terraform, the CLI command and the manifest appear here when the request is approved.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Audit trail" noPadding>
          <RequestAuditTable entries={request.audit} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/** One pool request: its spec, state, actions, cost, rendered IaC and audit trail. */
export function RequestPage() {
  const api = useApi(nodePoolsApiRef);
  const { id } = useRouteRefParams(requestRouteRef);
  const loaded = useAsyncRetry(() => api.getRequest(id), [api, id]);
  const [request, setRequest] = useState<PoolRequestDetail>();
  useEffect(() => setRequest(loaded.value), [loaded.value]);

  let body;
  if (loaded.loading && !request) body = <Progress />;
  else if (loaded.error && !request) {
    body =
      statusOf(loaded.error) === 404 ? (
        <EmptyState missing="data" title="Request not found" description={`No pool request has the id '${id}'.`} />
      ) : (
        <ApiErrorPanel error={loaded.error} />
      );
  } else if (request) {
    body = <RequestDetails key={request.version} request={request} onChanged={setRequest} onReload={loaded.retry} />;
  }
  return (
    <PageFrame
      title={request ? `${request.spec.name} in ${request.spec.cluster.split('/').pop()}` : 'Pool request'}
      subtitle={request ? requestStateLabel(request.state) : undefined}
      titleInContent
    >
      {body}
    </PageFrame>
  );
}

import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { nodePoolsApiRef } from '../../api';
import { CostTable } from '../GovernancePage/CostTable';
import { PageFrame } from '../PageFrame';

/** Every owner with its pools, capacity and cost; each links to the owner's review. */
export function OwnersPage() {
  const api = useApi(nodePoolsApiRef);
  const costs = useAsync(() => api.getCosts({ groupBy: 'owner' }), [api]);
  let body;
  if (costs.loading) body = <Progress />;
  else if (costs.error) body = <ResponseErrorPanel error={costs.error} title="Owners could not be loaded" />;
  else if (costs.value) {
    body = (
      <>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          Open an owner to review its pools: confirm them, or hand them to another group.
        </Typography>
        <CostTable items={costs.value.items} groupBy="owner" />
      </>
    );
  }
  return (
    <PageFrame title="Owners" subtitle="Each owner's pools, cost and review">
      {body}
    </PageFrame>
  );
}

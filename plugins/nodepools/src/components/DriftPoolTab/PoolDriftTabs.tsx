import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useSearchParams } from 'react-router-dom';
import { usePoolDriftCount } from '../DriftCounts';
import { DriftPoolTab } from './DriftPoolTab';

const TAB_PARAM = 'tab';
const DRIFT_TAB = 'drift';

/** The pool page's tabs: its details, and its drift (`?tab=drift`, so the view can be linked). */
export function PoolDriftTabs({ poolRef, details }: { poolRef: string; details: ReactNode }) {
  const [params, setParams] = useSearchParams();
  const count = usePoolDriftCount(poolRef);
  const tab = params.get(TAB_PARAM) === DRIFT_TAB ? DRIFT_TAB : 'details';
  const select = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === DRIFT_TAB) next.set(TAB_PARAM, DRIFT_TAB);
    else next.delete(TAB_PARAM);
    setParams(next, { replace: true });
  };
  return (
    <>
      <Box mb={2}>
        <Tabs value={tab} onChange={(_e, value) => select(value)} indicatorColor="primary" aria-label="Pool views">
          <Tab value="details" label="Details" />
          <Tab value={DRIFT_TAB} label={count?.open ? `Drift (${count.open})` : 'Drift'} data-testid="pool-drift-tab" />
        </Tabs>
      </Box>
      {tab === DRIFT_TAB ? <DriftPoolTab poolRef={poolRef} /> : details}
    </>
  );
}

import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyOwnerRollup } from '@nodepools/plugin-nodepools-common';
import { formatCores } from '../../lib/format';
import { formatUsd } from '../../lib/requestFormat';
import { ChartFrame } from './ChartFrame';

/** An owner's monthly cost and its cpu requested against allocatable, day by day. */
export function OwnerHistoryCharts({ history }: { history: DailyOwnerRollup[] }) {
  const theme = useTheme();
  if (!history.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No daily roll-ups yet: they are kept from the first evaluation on.
      </Typography>
    );
  }
  const margin = { top: 8, right: 16, bottom: 8, left: 16 };
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <Typography variant="subtitle2">Monthly cost</Typography>
        <ChartFrame height={240} label="Monthly cost over time">
          <AreaChart data={history} margin={margin}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis tickFormatter={(v: number) => formatUsd(v)} width={90} />
            <Tooltip formatter={(v: number) => `${formatUsd(v)}/mo`} />
            <Legend />
            <Area dataKey="monthlyCost" name="Monthly cost" stroke={theme.palette.primary.main} fill={theme.palette.primary.light} isAnimationActive={false} />
            <Area dataKey="idleMonthly" name="Idle $/month" stroke={theme.palette.warning.main} fill={theme.palette.warning.light} isAnimationActive={false} />
          </AreaChart>
        </ChartFrame>
      </Grid>
      <Grid item xs={12} md={6}>
        <Typography variant="subtitle2">CPU requested and allocatable</Typography>
        <ChartFrame height={240} label="CPU requested and allocatable over time">
          <LineChart data={history} margin={margin}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis tickFormatter={(v: number) => formatCores(v)} />
            <Tooltip formatter={(v: number) => `${formatCores(v)} cores`} />
            <Legend />
            <Line dataKey="requestedCpu" name="Requested" stroke={theme.palette.primary.main} isAnimationActive={false} />
            <Line dataKey="allocatableCpu" name="Allocatable" stroke={theme.palette.text.secondary} isAnimationActive={false} />
          </LineChart>
        </ChartFrame>
      </Grid>
    </Grid>
  );
}

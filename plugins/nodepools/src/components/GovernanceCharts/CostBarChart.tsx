import { useTheme } from '@material-ui/core/styles';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { CostRollup } from '@nodepools/plugin-nodepools-common';
import { formatUsd } from '../../lib/requestFormat';
import { ChartFrame } from './ChartFrame';

/** Monthly cost and its idle share per group (owner, cluster or provider). */
export function CostBarChart({ groups, label }: { groups: CostRollup[]; label: (key: string) => string }) {
  const theme = useTheme();
  const data = groups.map(g => ({ name: label(g.key), cost: g.monthlyCost, idle: g.idleMonthly }));
  return (
    <ChartFrame height={320} label="Monthly cost and idle cost per group">
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={(v: number) => formatUsd(v)} width={90} />
        <Tooltip formatter={(v: number) => `${formatUsd(v)}/mo`} />
        <Legend />
        <Bar dataKey="cost" name="Monthly cost" fill={theme.palette.primary.main} isAnimationActive={false} />
        <Bar dataKey="idle" name="Idle $/month" fill={theme.palette.warning.main} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

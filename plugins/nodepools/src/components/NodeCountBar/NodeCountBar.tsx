import Typography from '@material-ui/core/Typography';
import type { Autoscaling } from '@nodepools/plugin-nodepools-common';
import { nodeCountLabel } from '../../lib/format';
import { Meter, type MeterTone } from '../Meter';

export interface NodeCountBarProps {
  nodeCount?: number;
  autoscaling: Autoscaling;
}

/**
 * The node count on a bar from 0 to the autoscaler's max, with the part
 * below min shaded: `min ≤ count ≤ max` at a glance. A count outside the
 * range is shown in the error colour. A fixed-size pool fills the bar.
 */
export function NodeCountBar({ nodeCount, autoscaling }: NodeCountBarProps) {
  const label = nodeCountLabel(nodeCount, autoscaling);
  const { enabled, min, max } = autoscaling;

  if (nodeCount === undefined || (enabled && max === undefined)) {
    return (
      <Typography variant="caption" component="div" data-testid="node-count">
        {label}
      </Typography>
    );
  }

  if (!enabled || max === undefined) {
    return (
      <div data-testid="node-count">
        <Meter
          label="Node count"
          valueText={label}
          percent={nodeCount > 0 ? 100 : 0}
          value={{ now: nodeCount, min: nodeCount, max: nodeCount }}
        />
      </div>
    );
  }

  const floor = min ?? 0;
  const outOfRange = nodeCount < floor || nodeCount > max;
  const tone: MeterTone = outOfRange ? 'error' : 'normal';
  return (
    <div data-testid="node-count">
      <Meter
        label="Node count"
        valueText={label}
        percent={max > 0 ? (nodeCount / max) * 100 : 0}
        floorPercent={max > 0 ? (floor / max) * 100 : 0}
        tone={tone}
        value={{ now: nodeCount, min: floor, max }}
      />
    </div>
  );
}

import type { ResourceAmounts } from '@nodepools/plugin-nodepools-common';
import { formatBytes, formatCores } from '../../lib/format';
import { Meter, type MeterTone } from '../Meter';

export interface CapacityBarProps {
  requested: ResourceAmounts;
  allocatable: ResourceAmounts;
}

const WARNING_SHARE = 0.85;

function toneOf(share: number): MeterTone {
  if (share > 1) return 'error';
  return share >= WARNING_SHARE ? 'warning' : 'normal';
}

function percentText(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * Requested against allocatable cpu and memory, summed over the pool's nodes
 * as the cluster reports them. A resource with no allocatable amount is left
 * out rather than shown as a meaningless 0 of 0.
 */
export function CapacityBar({ requested, allocatable }: CapacityBarProps) {
  const rows: Array<{ label: string; text: string; share: number }> = [];
  if (allocatable.cpu) {
    const used = requested.cpu ?? 0;
    const share = used / allocatable.cpu;
    rows.push({
      label: 'CPU requested',
      text: `CPU ${formatCores(used)} of ${formatCores(allocatable.cpu)} cores requested (${percentText(share)})`,
      share,
    });
  }
  if (allocatable.memory) {
    const used = requested.memory ?? 0;
    const share = used / allocatable.memory;
    rows.push({
      label: 'Memory requested',
      text: `Memory ${formatBytes(used)} of ${formatBytes(allocatable.memory)} requested (${percentText(share)})`,
      share,
    });
  }
  if (!rows.length) return null;
  return (
    <div data-testid="capacity-bar">
      {rows.map(row => (
        <Meter
          key={row.label}
          label={row.label}
          valueText={row.text}
          percent={row.share * 100}
          tone={toneOf(row.share)}
        />
      ))}
    </div>
  );
}

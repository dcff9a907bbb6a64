import { useApi } from '@backstage/core-plugin-api';
import type { DriftFindingRecord } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { AcknowledgeDialog } from '../AcknowledgeDialog';

export interface DriftAcknowledgeDialogProps {
  /** The finding to acknowledge; the dialog is closed without one. */
  finding?: DriftFindingRecord;
  onClose(): void;
  onAcknowledged(finding: DriftFindingRecord): void;
}

/** Acknowledges a drift finding, until an optional day after which it re-opens. */
export function DriftAcknowledgeDialog({ finding, onClose, onAcknowledged }: DriftAcknowledgeDialogProps) {
  const api = useApi(nodePoolsApiRef);
  return (
    <AcknowledgeDialog
      open={Boolean(finding)}
      id="drift-acknowledge"
      title="Acknowledge drift"
      message={finding?.message}
      reasonRequired="Say why this drift is accepted."
      untilHelp="The finding re-opens after this day"
      acknowledge={(reason, until) => api.acknowledgeDrift(finding!.id, { reason, ...(until ? { until } : {}) })}
      onClose={onClose}
      onAcknowledged={onAcknowledged}
    />
  );
}

import { useApi } from '@backstage/core-plugin-api';
import type { GovernanceFindingRecord } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { AcknowledgeDialog } from '../AcknowledgeDialog';

export interface FindingAcknowledgeDialogProps {
  /** The finding to acknowledge; the dialog is closed without one. */
  finding?: GovernanceFindingRecord;
  onClose(): void;
  onAcknowledged(finding: GovernanceFindingRecord): void;
}

/** The end of a day picked in a date field, as the ISO time the API takes. */
function endOfDay(day: string): string {
  return new Date(`${day}T23:59:59.999Z`).toISOString();
}

/** Acknowledges a governance finding, until an optional day after which it counts again. */
export function FindingAcknowledgeDialog({ finding, onClose, onAcknowledged }: FindingAcknowledgeDialogProps) {
  const api = useApi(nodePoolsApiRef);
  return (
    <AcknowledgeDialog
      open={Boolean(finding)}
      id="finding-acknowledge"
      title="Acknowledge finding"
      message={finding?.message}
      reasonRequired="Say why this finding is accepted."
      untilHelp="The finding counts again after this day"
      acknowledge={(reason, until) =>
        api.acknowledgeFinding(finding!.id, { reason, ...(until ? { expiresAt: endOfDay(until) } : {}) })
      }
      onClose={onClose}
      onAcknowledged={onAcknowledged}
    />
  );
}

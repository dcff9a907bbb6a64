import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { GOVERNANCE_EXPORT_KINDS, GOVERNANCE_EXPORT_FORMATS, type GovernanceExportKind } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef, type ExportFormat, type ExportQuery } from '../../api';
import { saveBlob } from '../../lib/download';

const KIND_LABEL: Record<GovernanceExportKind, string> = { pools: 'Pools', findings: 'Findings', costs: 'Costs' };

export interface ExportButtonsProps {
  /** The filters each export carries, by kind. */
  queries: Partial<Record<GovernanceExportKind, ExportQuery>>;
  kinds?: readonly GovernanceExportKind[];
}

/**
 * One button per export and format. The file is fetched with the user's
 * credentials and saved from memory: a link straight to the API would
 * reach it without the Backstage token.
 */
export function ExportButtons({ queries, kinds = GOVERNANCE_EXPORT_KINDS }: ExportButtonsProps) {
  const api = useApi(nodePoolsApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<string>();

  const download = async (kind: GovernanceExportKind, format: ExportFormat) => {
    setBusy(`${kind}.${format}`);
    try {
      const { blob, filename } = await api.downloadExport(kind, format, queries[kind] ?? {});
      saveBlob(blob, filename);
    } catch (e) {
      alertApi.post({ message: `The ${kind} export failed: ${(e as Error).message}`, severity: 'error' });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Box display="flex" flexDirection="column" gridGap={8} data-testid="export-buttons">
      {kinds.map(kind => (
        <Box key={kind} display="flex" alignItems="center" gridGap={8}>
          <Typography variant="body2" style={{ minWidth: 80 }}>
            {KIND_LABEL[kind]}
          </Typography>
          {GOVERNANCE_EXPORT_FORMATS.map(format => (
            <Button
              key={format}
              size="small"
              variant="outlined"
              disabled={busy === `${kind}.${format}`}
              onClick={() => download(kind, format)}
              aria-label={`Download ${kind} as ${format.toUpperCase()}`}
            >
              {format.toUpperCase()}
            </Button>
          ))}
        </Box>
      ))}
    </Box>
  );
}

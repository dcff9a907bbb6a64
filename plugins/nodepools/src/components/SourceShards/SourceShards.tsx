import Typography from '@material-ui/core/Typography';
import type { SourceShardInfo } from '@nodepools/plugin-nodepools-common';
import { RelativeTime } from '../RelativeTime';

const STATUS_TEXT: Record<SourceShardInfo['status'], string> = {
  ok: 'OK',
  partial: 'partial',
  error: 'error',
  never: 'not run yet',
};

/**
 * The runs of a sharded source's shards, under its summed-up status: which
 * shard last ran when, and which one failed, so one row per source still
 * says where to look.
 */
export function SourceShards({ shards }: { shards: SourceShardInfo[] }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }} aria-label="Shards" data-testid="source-shards">
      {shards.map(shard => (
        <li key={shard.shard} data-testid="source-shard">
          <Typography variant="caption" color={shard.status === 'ok' ? 'textSecondary' : 'error'}>
            {`shard ${shard.shard}: ${STATUS_TEXT[shard.status]}`}
            {shard.lastRunAt && (
              <>
                {', ran '}
                <RelativeTime value={shard.lastRunAt} />
              </>
            )}
            {shard.error && ` (${shard.error})`}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

import { formatRelativeTime } from '../../lib/format';

/** A timestamp shown as "5 minutes ago", with the exact time on hover. */
export function RelativeTime({ value }: { value: string }) {
  return (
    <time dateTime={value} title={value}>
      {formatRelativeTime(value)}
    </time>
  );
}

import Chip from '@material-ui/core/Chip';
import { formatTaint, type Taint } from '@nodepools/plugin-nodepools-common';

/** Taints as kubectl prints them, `key=value:Effect`, one chip each. */
export function TaintChips({ taints }: { taints: Taint[] }) {
  return (
    <>
      {taints.map(taint => {
        const text = formatTaint(taint);
        return (
          <Chip
            key={text}
            size="small"
            variant="outlined"
            label={text}
            data-testid="taint"
          />
        );
      })}
    </>
  );
}

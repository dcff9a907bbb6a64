import {
  REASON_CODES,
  type PoolVerdict,
  type TriageReason,
} from '@nodepools/plugin-nodepools-common';

/** `pass`: nothing blocks; `blocker`: something does; `na`: there was nothing to check. */
export type CellStatus = 'pass' | 'blocker' | 'na';

export interface VerdictCell {
  /** The column: `fits-now`, `fits-after-scale-up`, or a reason code. */
  code: string;
  status: CellStatus;
  /** What the tooltip says, one line each. */
  details: string[];
}

export const FITS_NOW = 'fits-now';
export const FITS_AFTER_SCALE_UP = 'fits-after-scale-up';

/**
 * Resources come after the checks on labels and taints, in the order
 * kube-scheduler's filters run; the usual resources first among them.
 */
const RESOURCE_RANK = REASON_CODES.indexOf('ports') + 0.5;
const USUAL_RESOURCES = ['cpu', 'memory', 'pods', 'ephemeral-storage'];

function rankOf(code: string): [number, number, string] {
  if (code.startsWith('insufficient:')) {
    const resource = code.slice('insufficient:'.length);
    const usual = USUAL_RESOURCES.indexOf(resource);
    return [RESOURCE_RANK, usual === -1 ? USUAL_RESOURCES.length : usual, resource];
  }
  const index = (REASON_CODES as readonly string[]).indexOf(code);
  return [index === -1 ? REASON_CODES.length : index, 0, code];
}

/** Every reason code found on any pool, in the order the scheduler checks them. */
export function reasonColumns(verdicts: PoolVerdict[]): string[] {
  const codes = new Set<string>();
  for (const verdict of verdicts) {
    for (const reason of verdict.reasons) codes.add(reason.code);
  }
  return [...codes].sort((a, b) => {
    const [ra, sa, na] = rankOf(a);
    const [rb, sb, nb] = rankOf(b);
    return ra - rb || sa - sb || na.localeCompare(nb);
  });
}

/** A reason with where it was found: `on 3 nodes: Insufficient cpu…`. */
export function describeReason(reason: TriageReason): string {
  switch (reason.scope) {
    case 'nodes':
      return reason.nodes === undefined
        ? `on its nodes: ${reason.message}`
        : `on ${reason.nodes} ${reason.nodes === 1 ? 'node' : 'nodes'}: ${reason.message}`;
    case 'new-node':
      return `on a new node: ${reason.message}`;
    default:
      return reason.message;
  }
}

function newNodeText(verdict: PoolVerdict): string {
  const machine = verdict.newNode?.machineType ?? 'node';
  const estimated = verdict.newNode?.estimated
    ? ' (resources estimated from the machine catalog)'
    : '';
  return `a new ${machine} node takes it${estimated}`;
}

/**
 * The cells of one pool's row. `nodes` is how many nodes the pool has now,
 * when known: a pool without nodes cannot fit anything "now", which is not a
 * blocker but a question that does not apply.
 */
export function verdictCells(
  verdict: PoolVerdict,
  columns: string[],
  nodes: number | undefined,
): VerdictCell[] {
  const onNodes = verdict.reasons.filter(r => r.scope !== 'new-node');
  const onNewNode = verdict.reasons.filter(r => r.scope !== 'nodes');
  const hasNodes = nodes === undefined || nodes > 0;
  const hasTemplate = verdict.newNode !== undefined;

  let fitsNow: VerdictCell;
  if (verdict.fitsNow) {
    fitsNow = { code: FITS_NOW, status: 'pass', details: ['an existing node has room and passes every check'] };
  } else if (!hasNodes) {
    fitsNow = { code: FITS_NOW, status: 'na', details: ['the pool has no nodes'] };
  } else {
    fitsNow = { code: FITS_NOW, status: 'blocker', details: onNodes.map(describeReason) };
  }

  let afterScaleUp: VerdictCell;
  if (verdict.fitsAfterScaleUp) {
    afterScaleUp = { code: FITS_AFTER_SCALE_UP, status: 'pass', details: [newNodeText(verdict)] };
  } else if (!hasTemplate) {
    afterScaleUp = {
      code: FITS_AFTER_SCALE_UP,
      status: 'na',
      details: ['nothing is known of the node a scale-up would add'],
    };
  } else {
    afterScaleUp = {
      code: FITS_AFTER_SCALE_UP,
      status: 'blocker',
      details: onNewNode.map(describeReason),
    };
  }

  // With neither nodes nor a template nothing was checked; a template of a
  // machine type missing from the catalog leaves its resources unchecked.
  const nothingChecked = !hasNodes && !hasTemplate;
  const resourcesUnchecked = !hasNodes && verdict.newNode?.source === 'unknown';
  const reasonCells = columns.map((code): VerdictCell => {
    const found = verdict.reasons.filter(r => r.code === code);
    if (found.length) return { code, status: 'blocker', details: found.map(describeReason) };
    if (nothingChecked || (resourcesUnchecked && code.startsWith('insufficient:'))) {
      return { code, status: 'na', details: ['not checked: nothing is known of the nodes of this pool'] };
    }
    return { code, status: 'pass', details: [] };
  });

  return [fitsNow, afterScaleUp, ...reasonCells];
}

/**
 * Rows in the order a reader wants them: pools that take the pod now, then
 * after a scale-up, then by how many kinds of blocker stand in the way.
 */
export function sortVerdicts(verdicts: PoolVerdict[]): PoolVerdict[] {
  const score = (v: PoolVerdict) => {
    if (v.fitsNow) return 0;
    return v.fitsAfterScaleUp ? 1 : 2;
  };
  const blockers = (v: PoolVerdict) => new Set(v.reasons.map(r => r.code)).size;
  return [...verdicts].sort(
    (a, b) => score(a) - score(b) || blockers(a) - blockers(b) || a.pool.localeCompare(b.pool),
  );
}

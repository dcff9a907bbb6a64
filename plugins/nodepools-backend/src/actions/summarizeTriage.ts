import {
  expandPodVerdicts,
  expandSignatureVerdicts,
  signaturesById,
  type PoolVerdict,
  type SignatureTriage,
  type TriagePod,
  type TriageReport,
} from '@nodepools/plugin-nodepools-common';
import type { StoredTriage } from '../store/TriageStore';
import type { Zod } from './zod';

/** Names listed per group before the rest is only counted. */
const LISTED = { pods: 5, pools: 10, blockers: 5 };

export function pendingPodsSchema(z: Zod) {
  return z.object({
    clusterRef: z.string(),
    collectedAt: z.string().describe('When the pods and nodes were read'),
    pendingPods: z.number(),
    groups: z
      .array(
        z.object({
          pods: z.number().describe('Pending pods with these scheduling needs'),
          examplePods: z.array(z.string()).describe('namespace/name of a few of them'),
          states: z
            .array(z.string())
            .describe('unscheduled: no node yet; ip-exhaustion: placed but no pod IP; missing-node: bound to a node that is gone'),
          requests: z.record(z.string()),
          needs: z.array(z.string()).describe('What sets these pods apart: selectors, tolerations, spread'),
          schedulerMessage: z.string().optional(),
          fix: z.object({
            kind: z.string(),
            text: z.string().describe('The smallest change that lets the pods schedule'),
            pool: z.string().optional(),
          }),
          poolsFitNow: z.array(z.string()),
          poolsFitAfterScaleUp: z.array(z.string()),
          blockers: z
            .array(
              z.object({
                code: z.string().describe('taint, node-affinity, insufficient:<resource>, max-size...'),
                pools: z.number().describe('Pools this reason blocks'),
                example: z.string(),
              }),
            )
            .describe('Why the other pools cannot take them, most common first'),
          poolsWithoutReasons: z
            .number()
            .describe('Pools that cannot take them whose reasons the analysis did not work out (past its maxExplained limit)'),
        }),
      )
      .describe('Pods grouped by scheduling needs, largest group first'),
    omittedGroups: z.number(),
    skippedItems: z.number().describe('Input items left out as unreadable'),
    notes: z.array(z.string()),
  });
}

function blockersOf(verdicts: PoolVerdict[]) {
  const byCode = new Map<string, { code: string; pools: number; example: string }>();
  for (const verdict of verdicts) {
    if (verdict.fitsNow || verdict.fitsAfterScaleUp || verdict.explained === false) continue;
    for (const code of new Set(verdict.reasons.map(reason => reason.code))) {
      const reason = verdict.reasons.find(r => r.code === code)!;
      const entry = byCode.get(code) ?? { code, pools: 0, example: `${verdict.pool}: ${reason.message}` };
      entry.pools += 1;
      byCode.set(code, entry);
    }
  }
  return [...byCode.values()].sort((a, b) => b.pools - a.pools).slice(0, LISTED.blockers);
}

/** The pods of one group: a signature's, or the placed pods (each with its own verdict). */
interface PodGroup {
  pods: TriagePod[];
  signature?: SignatureTriage;
}

function summarizeGroup(report: TriageReport, { pods, signature }: PodGroup) {
  const first = pods[0];
  // A signature's pods share one set of verdicts; a placed pod's is its node's pool.
  const verdicts = signature
    ? expandSignatureVerdicts(report, signature)
    : expandPodVerdicts(report, first, new Map());
  const fix = first.fix ?? signature?.fix;
  return {
    pods: pods.length,
    examplePods: pods.slice(0, LISTED.pods).map(pod => `${pod.namespace}/${pod.name}`),
    states: [...new Set(pods.map(pod => pod.state))],
    requests: signature?.requests ?? {},
    needs: signature?.summary ?? [],
    ...(first.schedulerMessage ? { schedulerMessage: first.schedulerMessage } : {}),
    fix: fix
      ? { kind: fix.kind, text: fix.text, ...(fix.pool ? { pool: fix.pool } : {}) }
      : { kind: 'none', text: 'the report names no fix for these pods' },
    poolsFitNow: verdicts.filter(v => v.fitsNow).slice(0, LISTED.pools).map(v => v.ref),
    poolsFitAfterScaleUp: verdicts
      .filter(v => !v.fitsNow && v.fitsAfterScaleUp)
      .slice(0, LISTED.pools)
      .map(v => v.ref),
    blockers: blockersOf(verdicts),
    poolsWithoutReasons: verdicts.filter(v => v.explained === false && !v.fitsNow && !v.fitsAfterScaleUp).length,
  };
}

/**
 * A stored triage cut down to what explains it: one entry per group of
 * pods with the same scheduling needs, largest first, each with its fix,
 * the pools that take it and the commonest reasons the others do not.
 * Read from the compact report: verdicts are written out only for the
 * groups listed.
 */
export function summarizeTriage(triage: StoredTriage, maxGroups: number) {
  const report = JSON.parse(triage.reportJson) as TriageReport;
  const signatures = signaturesById(report);
  const groupsById = new Map<string, PodGroup>();
  for (const pod of report.pods) {
    const group = groupsById.get(pod.signature) ?? { pods: [], signature: signatures.get(pod.signature) };
    group.pods.push(pod);
    groupsById.set(pod.signature, group);
  }
  // Every pending pod is in one group, whether or not its signature is described.
  const groups = [...groupsById.values()].sort((a, b) => b.pods.length - a.pods.length);
  return {
    clusterRef: triage.clusterRef,
    collectedAt: triage.collectedAt,
    pendingPods: report.pods.length,
    groups: groups.slice(0, maxGroups).map(group => summarizeGroup(report, group)),
    omittedGroups: Math.max(0, groups.length - maxGroups),
    skippedItems: report.skipped.length,
    notes: report.notes,
  };
}

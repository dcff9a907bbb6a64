import { allowedKubeletSkew, parseKubeVersion } from '../../drift/versions';
import { poolFinding } from '../context';
import { upgradeFix } from '../fixes';
import { nodeVersions } from '../upgrade';
import type { GovernanceRule } from './types';

/** Minors a kubelet may lag its control plane since Kubernetes 1.28 (two before; `allowedKubeletSkew`). */
export const KUBELET_SKEW = 3;

/**
 * A pool whose nodes run an older minor than the control plane (observed
 * kubelets, else the pool's version, against the control plane version the
 * cluster's nodes were read with). Beyond the Kubernetes version skew
 * policy, or newer than the control plane: high. Within it: low, a reminder
 * that the pool is the next to upgrade.
 */
export const versionSkewRule: GovernanceRule = {
  id: 'version-skew',
  severity: 'low',
  description: 'The pool’s nodes run an older (or newer) minor version than the control plane.',
  evaluate: (_input, ctx) =>
    ctx.pools.flatMap(({ pool }) => {
      const facts = ctx.facts(pool.ref);
      const { upgrade } = facts;
      const cp = parseKubeVersion(upgrade.controlPlaneVersion);
      if (!cp || upgrade.minorSkew === undefined) return [];
      const skew = upgrade.minorSkew;
      const newer = upgrade.nodesNewerThanControlPlane === true;
      if (skew === 0 && !newer) return [];
      const allowed = allowedKubeletSkew(cp, KUBELET_SKEW);
      const beyond = newer || skew > allowed;
      const kubelets = nodeVersions(pool).map(v => v.text).join(', ');
      const message = newer
        ? `Pool ${pool.name} in ${pool.cluster} runs kubelets ${kubelets}, newer than the control plane ${upgrade.controlPlaneVersion}: outside the Kubernetes version skew policy.`
        : `Pool ${pool.name} in ${pool.cluster} runs kubelets ${kubelets}, ${skew} minor${skew === 1 ? '' : 's'} behind the control plane ${upgrade.controlPlaneVersion}${beyond ? `; the skew policy allows ${allowed}` : ''}.`;
      return [
        poolFinding(versionSkewRule, facts, {
          severity: beyond ? 'high' : 'low',
          message,
          details: {
            controlPlane: upgrade.controlPlaneVersion!,
            kubelets,
            minorSkew: skew,
            allowedSkew: allowed,
            nodesNewer: newer,
          },
          fix: newer
            ? 'upgrade the control plane first, then keep node pools at or below its version'
            : upgradeFix(pool, upgrade.controlPlaneVersion),
        }),
      ];
    }),
};

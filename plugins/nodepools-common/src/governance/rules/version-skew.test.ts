import { govInput, govPool, observed, runRule } from '../__fixtures__/pools';
import { versionSkewRule } from './version-skew';

const nodes = (kubelets: string[], controlPlaneVersion = 'v1.33.5-eks-1') =>
  govPool({ observed: observed({ kubeletVersions: kubelets, controlPlaneVersion }) });

describe('version-skew', () => {
  it.each<[string, ReturnType<typeof govPool>, string | undefined]>([
    ['same minor', nodes(['v1.33.4-eks-1']), undefined],
    ['one minor behind', nodes(['v1.32.9-eks-1']), 'low/1'],
    ['three minors behind: still allowed since 1.28', nodes(['v1.30.2']), 'low/3'],
    ['four minors behind', nodes(['v1.29.0']), 'high/4'],
    ['the oldest kubelet counts', nodes(['v1.33.5', 'v1.29.1']), 'high/4'],
    ['three behind a 1.27 control plane: beyond the older policy of two', nodes(['v1.24.17'], 'v1.27.3'), 'high/3'],
    ['nodes newer than the control plane', nodes(['v1.34.1'], 'v1.33.5'), 'high/0'],
    ['no control plane version', nodes(['v1.29.0'], ''), undefined],
  ])('%s', (_case, entry, expected) => {
    const findings = runRule(versionSkewRule, govInput([entry]));
    expect(findings.map(f => `${f.severity}/${f.details.minorSkew}`)).toEqual(expected ? [expected] : []);
  });

  it("reads the control plane another pool of the cluster saw, and the pool's own version without nodes", () => {
    const seen = govPool({ name: 'seen', observed: observed() });
    const unseen = govPool({ name: 'unseen', kubernetesVersion: '1.31' });
    const findings = runRule(versionSkewRule, govInput([seen, unseen]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'low',
      subject: { ref: unseen.pool.ref },
      details: { minorSkew: 2, allowedSkew: 3, controlPlane: 'v1.33.5-eks-1', kubelets: '1.31' },
    });
    expect(findings[0].fix).toBe(
      "upgrade the pool's nodes to v1.33.5-eks-1, one pool at a time: aws eks update-nodegroup-version --cluster-name prod --nodegroup-name unseen",
    );
  });
});

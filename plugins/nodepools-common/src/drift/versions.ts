/*
 * Kubernetes versions as providers spell them: `1.31` (a minor alias),
 * `v1.31.5-eks-5e0fdde`, `1.18.16-gke.502`, `1.21.5-do.0`, and EKS AMI
 * releases `1.29.0-20240129`. Only major, minor and patch are compared.
 */

export interface KubeVersion {
  major: number;
  minor: number;
  patch?: number;
}

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?/;

/** A fleet has few distinct version strings and every pool's are parsed: keep the last results. */
const parsed = new Map<string, KubeVersion | undefined>();
const PARSED_MAX = 1000;

export function parseKubeVersion(text: string | undefined): KubeVersion | undefined {
  if (!text) return undefined;
  if (parsed.has(text)) return parsed.get(text);
  const match = VERSION.exec(text.trim());
  const version = match
    ? { major: Number(match[1]), minor: Number(match[2]), ...(match[3] !== undefined ? { patch: Number(match[3]) } : {}) }
    : undefined;
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(text, version);
  return version;
}

/** Negative when `a` is an older minor than `b`, 0 for the same minor. */
export function compareMinor(a: KubeVersion, b: KubeVersion): number {
  return a.major !== b.major ? (a.major - b.major) * 1000 : a.minor - b.minor;
}

/** Minor, then patch when both have one. */
export function compareVersions(a: KubeVersion, b: KubeVersion): number {
  const minor = compareMinor(a, b);
  if (minor !== 0 || a.patch === undefined || b.patch === undefined) return minor;
  return a.patch - b.patch;
}

export function formatMinor(v: KubeVersion): string {
  return `${v.major}.${v.minor}`;
}

/**
 * How many minors a kubelet may lag its control plane: three since
 * Kubernetes 1.28, two before.
 */
export function allowedKubeletSkew(controlPlane: KubeVersion, current: number): number {
  return controlPlane.major === 1 && controlPlane.minor < 28 ? Math.min(2, current) : current;
}

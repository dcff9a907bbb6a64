import { presignGetUrl, type AwsSigningCredentials } from './awsSigV4';

/**
 * An EKS bearer token, as `aws eks get-token` and aws-iam-authenticator make
 * it: a pre-signed STS GetCallerIdentity URL bound to the cluster through the
 * signed `x-k8s-aws-id` header, base64url-encoded behind `k8s-aws-v1.`. The
 * API server replays the URL to learn the caller's IAM identity.
 */
export function eksBearerToken(options: {
  clusterId: string;
  credentials: AwsSigningCredentials;
  region: string;
  now: Date;
}): string {
  const host = `sts.${options.region}.amazonaws.com`;
  const url = presignGetUrl({
    host,
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { 'x-k8s-aws-id': options.clusterId },
    credentials: options.credentials,
    region: options.region,
    service: 'sts',
    now: options.now,
    // EKS accepts a token for 15 minutes whatever this says; 60 s is what the AWS CLI signs.
    expiresInSeconds: 60,
  });
  return `k8s-aws-v1.${Buffer.from(url, 'utf8').toString('base64url')}`;
}

/** How long nodepools reuses a token: well inside the 15 minutes EKS allows. */
export const EKS_TOKEN_REUSE_MS = 10 * 60 * 1000;

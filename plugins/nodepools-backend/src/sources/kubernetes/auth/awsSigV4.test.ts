import {
  canonicalRequest,
  presignGetUrl,
  sha256Hex,
  signature,
  signingKey,
  toAmzDate,
  uriEncode,
} from './awsSigV4';
import { eksBearerToken } from './eksToken';

// The example credentials of the AWS documentation.
const EXAMPLE_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

describe('AWS Signature Version 4', () => {
  it('derives the signing key of the documented example', () => {
    const key = signingKey(EXAMPLE_KEY, {
      region: 'us-east-1',
      service: 'iam',
      amzDate: '20120215T000000Z',
    });
    expect(key.toString('hex')).toBe(
      'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
    );
  });

  it('signs the documented IAM ListUsers request', () => {
    const request = canonicalRequest({
      method: 'GET',
      path: '/',
      query: { Version: '2010-05-08', Action: 'ListUsers' },
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
        Host: 'iam.amazonaws.com',
        'X-Amz-Date': '20150830T123600Z',
      },
      payloadHash: sha256Hex(''),
    });
    expect(request).toBe(
      [
        'GET',
        '/',
        'Action=ListUsers&Version=2010-05-08',
        'content-type:application/x-www-form-urlencoded; charset=utf-8',
        'host:iam.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'content-type;host;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(sha256Hex(request)).toBe(
      'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    );
    expect(
      signature(
        EXAMPLE_KEY,
        { region: 'us-east-1', service: 'iam', amzDate: '20150830T123600Z' },
        request,
      ),
    ).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });

  it('encodes query values as RFC 3986 requires', () => {
    expect(uriEncode("a b/c+d=e*f'(g)!~_.-")).toBe("a%20b%2Fc%2Bd%3De%2Af%27%28g%29%21~_.-");
    expect(toAmzDate(new Date('2024-05-06T07:08:09.123Z'))).toBe('20240506T070809Z');
  });

  it('pre-signs a URL with the session token inside the signature', () => {
    const url = new URL(
      presignGetUrl({
        host: 'sts.eu-west-1.amazonaws.com',
        path: '/',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { 'x-k8s-aws-id': 'my-cluster' },
        credentials: {
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: EXAMPLE_KEY,
          sessionToken: 'tok/+=en',
        },
        region: 'eu-west-1',
        service: 'sts',
        now: new Date('2024-05-06T07:08:09Z'),
        expiresInSeconds: 60,
      }),
    );
    // Expected values are what the AWS SDK's own signer (@smithy/signature-v4) produces for this input.
    expect(Object.fromEntries(url.searchParams)).toEqual({
      Action: 'GetCallerIdentity',
      Version: '2011-06-15',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIDEXAMPLE/20240506/eu-west-1/sts/aws4_request',
      'X-Amz-Date': '20240506T070809Z',
      'X-Amz-Expires': '60',
      'X-Amz-Security-Token': 'tok/+=en',
      'X-Amz-SignedHeaders': 'host;x-k8s-aws-id',
      'X-Amz-Signature': '3e427f985851d4c6ce3f5b0126e0aad0a2b51d4c5bb495c4170920d1f76ce4ee',
    });
  });
});

describe('eksBearerToken', () => {
  it('wraps the pre-signed STS URL as aws-iam-authenticator does', () => {
    const token = eksBearerToken({
      clusterId: 'prod',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: EXAMPLE_KEY },
      region: 'us-east-1',
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(token.startsWith('k8s-aws-v1.')).toBe(true);
    const encoded = token.slice('k8s-aws-v1.'.length);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    const url = new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
    expect(url.origin).toBe('https://sts.us-east-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
    expect(url.searchParams.get('X-Amz-Credential')).toBe(
      'AKIDEXAMPLE/20250101/us-east-1/sts/aws4_request',
    );
    expect(url.searchParams.has('X-Amz-Security-Token')).toBe(false);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startReplayServer, type ReplayServer } from '../testing';
import { EksPoolSource } from './EksPoolSource';
import { createEksSources } from './createEksSources';
import type { EksScopeListing } from './subnetHeadroom';
import { ACCOUNT, CREDENTIALS, SECRET_ACCESS_KEY, describePath, nodegroup, poolsPath } from './__testUtils__/eksApi';
import {
  describeSubnetsXml,
  ec2Error,
  startFakeEc2,
  subnetIdsOf,
  type Ec2Answer,
  type FakeEc2,
} from './__testUtils__/ec2Api';

describe('EksPoolSource: the subnets of the node groups', () => {
  let eks: ReplayServer;
  let ec2: FakeEc2;
  let answers: Ec2Answer[];
  let sleeps: number[];
  let logger: ReturnType<typeof mockServices.logger.mock>;

  beforeEach(async () => {
    eks = await startReplayServer();
    answers = [];
    ec2 = await startFakeEc2(call =>
      call.action === 'DescribeSubnets' ? answers[Math.min(ec2.calls.length, answers.length) - 1] : undefined,
    );
    sleeps = [];
    logger = mockServices.logger.mock();
    eks.route('/clusters', { json: { clusters: ['prod'] } });
    eks.route(poolsPath('prod'), { json: { nodegroups: ['general', 'spot', 'bare'] } });
    eks.route(describePath('prod', 'general'), {
      json: { nodegroup: nodegroup('prod', 'general', { subnets: ['subnet-b', 'subnet-a'] }) },
    });
    eks.route(describePath('prod', 'spot'), {
      json: { nodegroup: nodegroup('prod', 'spot', { subnets: ['subnet-c', 'subnet-a'] }) },
    });
    eks.route(describePath('prod', 'bare'), {
      json: { nodegroup: nodegroup('prod', 'bare', { subnets: undefined }) },
    });
  });

  afterEach(async () => {
    await eks.close();
    await ec2.close();
  });

  function source(options: { ec2Endpoint?: string | null; describeSubnets?: boolean } = {}) {
    return new EksPoolSource({
      id: 'aws-prod',
      accountId: ACCOUNT,
      regions: ['us-east-1'],
      endpoint: eks.url,
      ...(options.ec2Endpoint === null ? {} : { ec2Endpoint: options.ec2Endpoint ?? ec2.url }),
      ...(options.describeSubnets !== undefined ? { describeSubnets: options.describeSubnets } : {}),
      credentials: CREDENTIALS,
      policy: { timeoutMs: 2000, maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
      logger,
      sleep: async ms => {
        sleeps.push(ms);
      },
    });
  }

  it("reads every subnet of the cluster's node groups once, following NextToken", async () => {
    answers = [
      describeSubnetsXml([{ id: 'subnet-a', available: 8123, cidr: '10.0.0.0/19' }], 'page-2'),
      describeSubnetsXml([
        { id: 'subnet-b', available: 12, cidr: '10.0.32.0/19' },
        { id: 'subnet-c', available: 0 },
      ]),
    ];

    const [listing] = (await source().list({})) as EksScopeListing[];

    expect(listing.complete).toBe(true);
    expect(listing.pools.map(p => p.name)).toEqual(['general', 'spot', 'bare']);
    expect(listing.subnetHeadroom?.subnets).toEqual([
      { id: 'subnet-a', availableIps: 8123, cidr: '10.0.0.0/19' },
      { id: 'subnet-b', availableIps: 12, cidr: '10.0.32.0/19' },
      { id: 'subnet-c', availableIps: 0 },
    ]);
    expect(Date.parse(listing.subnetHeadroom!.observedAt)).not.toBeNaN();
    expect(ec2.calls.map(call => [call.action, subnetIdsOf(call), call.params.get('NextToken')])).toEqual([
      ['DescribeSubnets', ['subnet-a', 'subnet-b', 'subnet-c'], null],
      ['DescribeSubnets', ['subnet-a', 'subnet-b', 'subnet-c'], 'page-2'],
    ]);
    // Signed for EC2 in the cluster's region with the source's credentials.
    expect(ec2.calls[0].authorization).toContain('/us-east-1/ec2/aws4_request');
  });

  it('retries a throttled DescribeSubnets as any other call of the source', async () => {
    answers = [
      ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.'),
      describeSubnetsXml([
        { id: 'subnet-a', available: 1 },
        { id: 'subnet-b', available: 2 },
        { id: 'subnet-c', available: 3 },
      ]),
    ];

    const [listing] = (await source().list({})) as EksScopeListing[];

    expect(listing.subnetHeadroom?.subnets.map(s => s.availableIps)).toEqual([1, 2, 3]);
    expect(ec2.calls).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it.each([
    [
      'a refused call',
      ec2Error(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.'),
      /^DescribeSubnets us-east-1\/prod \(page 1\): authentication failed \(HTTP 403\): UnauthorizedOperation: You are not authorized/,
    ],
    [
      'a subnet without its address count',
      describeSubnetsXml([{ id: 'subnet-a' }]),
      /^DescribeSubnets us-east-1\/prod \(page 1\): invalid response: subnet 'subnet-a': 'availableIpAddressCount' must be a whole number, got undefined/,
    ],
    [
      'an answer without subnetSet',
      { xml: '<DescribeSubnetsResponse><requestId>r</requestId></DescribeSubnetsResponse>' },
      /invalid response: the answer has no 'subnetSet'/,
    ],
  ])('lists the pools all the same after %s, warning why', async (_what, answer, message) => {
    answers = [answer];

    const [listing] = (await source().list({})) as EksScopeListing[];

    expect(listing).toMatchObject({ complete: true });
    expect(listing.error).toBeUndefined();
    expect(listing.pools).toHaveLength(3);
    expect(listing.subnetHeadroom).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    const [warning] = logger.warn.mock.calls[0];
    expect(warning).toMatch(message);
    expect(warning).toMatch(/the subnet headroom of cluster 'prod' keeps its last values$/);
    expect(warning).not.toContain(SECRET_ACCESS_KEY);
  });

  it('sends nothing to AWS when only the EKS endpoint is replaced, or when turned off', async () => {
    const [withoutEc2] = (await source({ ec2Endpoint: null }).list({})) as EksScopeListing[];
    const [off] = (await source({ describeSubnets: false }).list({})) as EksScopeListing[];

    expect(withoutEc2.subnetHeadroom).toBeUndefined();
    expect(off.subnetHeadroom).toBeUndefined();
    expect(ec2.calls).toHaveLength(0);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('reads ec2Endpoint and describeSubnets from config, held to the endpoint rules', async () => {
    const block = { id: 'aws-prod', regions: ['us-east-1'], endpoint: eks.url, allowInsecureHttp: true };
    const config = (extra: object) =>
      new ConfigReader({ nodepools: { sources: { eks: [{ ...block, ...extra }] } } });
    answers = [describeSubnetsXml([{ id: 'subnet-a', available: 5 }, { id: 'subnet-b', available: 6 }, { id: 'subnet-c', available: 7 }])];

    process.env.AWS_ACCESS_KEY_ID = CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = CREDENTIALS.secretAccessKey;
    try {
      const [configured] = createEksSources(config({ ec2Endpoint: ec2.url }), { logger });
      const [listing] = (await configured.list({})) as EksScopeListing[];
      expect(listing.subnetHeadroom?.subnets).toHaveLength(3);
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }

    expect(() =>
      createEksSources(config({ ec2Endpoint: 'http://ec2.internal', allowInsecureHttp: false, endpoint: undefined }), {
        logger,
      }),
    ).toThrow(
      "nodepools.sources.eks[0].ec2Endpoint: http://ec2.internal is plain HTTP, which would send the source's credentials unencrypted",
    );
    expect(() => createEksSources(config({ ec2Endpoint: 'not a url' }), { logger })).toThrow(
      'nodepools.sources.eks[0].ec2Endpoint: endpoint must be an absolute URL',
    );
  });
});


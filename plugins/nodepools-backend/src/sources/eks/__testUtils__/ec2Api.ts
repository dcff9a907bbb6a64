import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A call to the local EC2 stand-in: the query-protocol form it was sent. */
export interface Ec2Call {
  action: string;
  params: URLSearchParams;
  authorization?: string;
}

export type Ec2Answer = { status?: number; xml: string };

export interface FakeEc2 {
  url: string;
  calls: Ec2Call[];
  close(): Promise<void>;
}

/**
 * EC2 on 127.0.0.1 as the SDK sees it: `POST /` with a form body
 * (`Action=DescribeSubnets&SubnetId.1=...`), answered in XML. The handler
 * gets every call; unhandled ones answer EC2's 400 `InvalidAction`.
 */
export async function startFakeEc2(handler: (call: Ec2Call) => Ec2Answer | undefined): Promise<FakeEc2> {
  const calls: Ec2Call[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const call = {
        action: params.get('Action') ?? '',
        params,
        authorization: req.headers.authorization,
      };
      calls.push(call);
      const answer = handler(call) ?? ec2Error(400, 'InvalidAction', `The action ${call.action} is not valid`);
      res.writeHead(answer.status ?? 200, { 'content-type': 'text/xml;charset=UTF-8' });
      res.end(answer.xml);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The subnet ids of a DescribeSubnets call (`SubnetId.N`), in order. */
export function subnetIdsOf(call: Ec2Call): string[] {
  return [...call.params.entries()]
    .filter(([key]) => /^SubnetId\.\d+$/.test(key))
    .sort(([a], [b]) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    .map(([, value]) => value);
}

/** A DescribeSubnets answer in EC2's documented XML shape. */
export function describeSubnetsXml(
  subnets: Array<{ id: string; available?: number | string; cidr?: string }>,
  nextToken?: string,
): Ec2Answer {
  const item = (s: { id: string; available?: number | string; cidr?: string }) => {
    const cidr = s.cidr ? `<cidrBlock>${s.cidr}</cidrBlock>` : '';
    const available =
      s.available !== undefined ? `<availableIpAddressCount>${s.available}</availableIpAddressCount>` : '';
    return [
      `<item><subnetId>${s.id}</subnetId>`,
      `<subnetArn>arn:aws:ec2:us-east-1:111122223333:subnet/${s.id}</subnetArn>`,
      `<state>available</state><vpcId>vpc-0f1e2d3c</vpcId>${cidr}${available}`,
      '<availabilityZone>us-east-1a</availabilityZone><defaultForAz>false</defaultForAz></item>',
    ].join('');
  };
  const next = nextToken ? `<nextToken>${nextToken}</nextToken>` : '';
  return {
    xml: [
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      '<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">',
      '<requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>',
      `<subnetSet>${subnets.map(item).join('')}</subnetSet>${next}`,
      '</DescribeSubnetsResponse>',
    ].join(''),
  };
}

/** An EC2 error answer: `<Response><Errors><Error><Code>`. */
export function ec2Error(status: number, code: string, message: string): Ec2Answer {
  return {
    status,
    xml:
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code>` +
      `<Message>${message}</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>`,
  };
}

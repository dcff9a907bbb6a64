import { checkOnCluster, kube } from './__testUtils__/checkOnCluster';
import { checkHostPorts, hostPortsCheck, hostPortsOf, type HostPort } from './hostPorts';

const port = (p: number, protocol = 'TCP', ip = '0.0.0.0'): HostPort => ({ port: p, protocol, ip });

describe('hostPortsOf', () => {
  it('reads host ports of containers and sidecars, with TCP and every address as defaults', () => {
    expect(
      hostPortsOf(
        [{ ports: [{ containerPort: 80 }, { containerPort: 80, hostPort: 8080 }] }],
        [
          { restartPolicy: 'Always', ports: [{ hostPort: 9100, protocol: 'UDP', hostIP: '10.0.0.1' }] },
          { ports: [{ hostPort: 7000 }] },
        ],
      ),
    ).toEqual([port(8080), port(9100, 'UDP', '10.0.0.1')]);
  });
});

describe('checkHostPorts', () => {
  it.each<[string, HostPort[], HostPort[], string | undefined]>([
    ['a pod without host ports fits anywhere', [], [port(80)], undefined],
    ['a free port fits', [port(8080)], [port(9090)], undefined],
    ['the same port and protocol conflicts', [port(8080)], [port(8080)], 'host port 8080/TCP already in use'],
    ['the same port on another protocol does not conflict', [port(53, 'UDP')], [port(53, 'TCP')], undefined],
    ['two different addresses do not conflict', [port(80, 'TCP', '10.0.0.1')], [port(80, 'TCP', '10.0.0.2')], undefined],
    ['every address conflicts with one address', [port(80)], [port(80, 'TCP', '10.0.0.2')], 'host port 80/TCP already in use'],
    ['one address conflicts with every address', [port(80, 'TCP', '10.0.0.1')], [port(80)], 'host port 10.0.0.1:80/TCP already in use'],
    ['every taken port is listed', [port(80), port(443), port(8080)], [port(80), port(443)], 'host ports 80/TCP, 443/TCP already in use'],
  ])('%s', (_name, wanted, used, message) => {
    expect(checkHostPorts(wanted, used)).toEqual(message === undefined ? undefined : { code: 'ports', message });
  });
});

describe('NodePorts as a registered check', () => {
  const withHostPort = (hostPort: number) => ({ containers: [{ name: 'main', ports: [{ containerPort: 80, hostPort }] }] });
  const input = {
    nodes: kube.list([kube.node('n1', {}, { cpu: '2', pods: '10' }), kube.node('n2', {}, { cpu: '2', pods: '10' })]),
    pods: kube.list([kube.running('exporter', 'n1', withHostPort(9100)), kube.pending(withHostPort(9100))]),
  };
  it.each<[string, string, string[]]>([
    ['a node whose port is taken cannot take the pod', 'n1', ['ports']],
    ['a node with the port free can', 'n2', []],
  ])('%s', (_name, node, codes) => {
    const verdict = checkOnCluster(hostPortsCheck, input)(node);
    expect(verdict.findings.map(f => f.code)).toEqual(codes);
    expect(verdict.passes).toBe(codes.length === 0);
  });
});

import { issuesOf, readFixture, thrownBy } from './__fixtures__';
import { parseItems } from './collect';
import { parseEksNodegroup } from './eks';
import { parseExport } from './parseExport';
import { formatImportIssue } from '../model/sources';
import { ExportParseError } from './types';

describe('parseExport', () => {
  it('keeps nothing of a file with one bad item, and says where every problem is', () => {
    const error = thrownBy(() => parseExport(readFixture('eks/bad-records.json'), { file: 'eks/prod.json' }));

    expect(error).toBeInstanceOf(ExportParseError);
    expect((error as ExportParseError).message).toBe(
      [
        "4 problems: eks/prod.json: item 1: field 'nodegroupName': is required",
        "eks/prod.json: item 1: field 'taints[0].effect': expected one of NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE, got \"NoSchedule\"",
        "eks/prod.json: item 1: field 'scalingConfig.minSize': expected a non-negative integer, got \"three\"",
        "eks/prod.json: item 1: field 'labels.tier': expected a string, got 2",
      ].join('; '),
    );
  });

  it('returns the warnings of the pools it made, with file, item and field', () => {
    const text = JSON.stringify([
      { nodegroupName: 'a', clusterName: 'c', capacityType: 'ON_DEMAND' },
      { nodegroupName: 'b', clusterName: 'c', capacityType: 'NEW_KIND' },
    ]);
    const { pools, warnings } = parseExport(text, { file: 'f.json' });
    expect(pools.map(p => p.name)).toEqual(['a', 'b']);
    expect(warnings).toEqual([
      {
        file: 'f.json',
        index: 1,
        field: 'capacityType',
        severity: 'warning',
        message: 'unknown value "NEW_KIND" (known: ON_DEMAND, SPOT, CAPACITY_BLOCK): read as on-demand',
      },
    ]);
    expect(formatImportIssue(warnings[0])).toBe(
      "warning: f.json: item 1: field 'capacityType': unknown value \"NEW_KIND\" (known: ON_DEMAND, SPOT, CAPACITY_BLOCK): read as on-demand",
    );
  });

  it('rejects two records of the same pool', () => {
    const group = { nodegroupName: 'a', nodegroupArn: 'arn:aws:eks:us-east-1:111122223333:nodegroup/c/a/1' };
    expect(issuesOf(() => parseExport(JSON.stringify([group, { ...group }]), { file: 'f.json' }))).toEqual([
      { file: 'f.json', index: 1, message: 'pool eks/111122223333/us-east-1/c/a is also item 0' },
    ]);
  });

  it('reads YAML renderings of the JSON formats (`az ... -o yaml`)', () => {
    const text = [
      'value:',
      '- name: np1',
      '  id: /subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerService/managedClusters/c/agentPools/np1',
      '  properties:',
      '    vmSize: Standard_D2s_v5',
      '    mode: System',
    ].join('\n');
    const { format, pools } = parseExport(text, { region: 'eastus' });
    expect(format).toBe('aks-arm');
    expect(pools.map(p => [p.cluster, p.name, p.mode])).toEqual([['c', 'np1', 'system']]);
  });

  it('rejects invalid syntax and unrecognized shapes through the same error type', () => {
    expect(thrownBy(() => parseExport('{"nodePools": [', {}))).toBeInstanceOf(ExportParseError);
    expect(thrownBy(() => parseExport('[]', {}))).toBeInstanceOf(ExportParseError);
    expect(thrownBy(() => parseExport('', {}))).toBeInstanceOf(ExportParseError);
  });
});

describe('parseItems', () => {
  it('maps every record, or throws every problem at once', () => {
    const ctx = { cluster: 'c', file: 'DescribeNodegroup' };
    const good = [{ nodegroupName: 'a' }, { nodegroupName: 'b' }];
    expect(parseItems(good, parseEksNodegroup, ctx).map(p => p.name)).toEqual(['a', 'b']);

    const bad = [{ nodegroupName: 'a' }, {}, { diskSize: -1 }];
    expect(issuesOf(() => parseItems(bad, parseEksNodegroup, ctx))).toEqual([
      { file: 'DescribeNodegroup', index: 1, field: 'nodegroupName', message: 'is required' },
      { file: 'DescribeNodegroup', index: 2, field: 'nodegroupName', message: 'is required' },
      { file: 'DescribeNodegroup', index: 2, field: 'diskSize', message: 'expected a non-negative integer, got -1' },
    ]);
  });

  it('lets programming errors through instead of reporting them as bad input', () => {
    const broken = () => {
      throw new TypeError('bug');
    };
    expect(() => parseItems([{}], broken, {})).toThrow(TypeError);
  });
});

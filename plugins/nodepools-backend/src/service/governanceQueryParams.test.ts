import {
  parseAcknowledgeBody,
  parseConfirmBody,
  parseCostQuery,
  parseExportPath,
  parseFindingExportQuery,
  parseFindingQuery,
  parseOwnerParam,
} from './governanceQueryParams';

const NOW = new Date('2026-12-03T10:00:00.000Z');

describe('governance query parameters', () => {
  it('reads lists repeated or comma-separated', () => {
    expect(parseFindingQuery({ rule: ['no-owner', 'fixed-size,ip-exhaustion'], severity: 'high', limit: '20', state: 'all' })).toEqual({
      rule: ['no-owner', 'fixed-size', 'ip-exhaustion'],
      severity: ['high'],
      limit: 20,
      state: 'all',
    });
    expect(parseCostQuery({ groupBy: 'provider', provider: 'eks,gke' })).toEqual({ groupBy: 'provider', provider: ['eks', 'gke'] });
  });

  it('names the parameter that is wrong', () => {
    expect(() => parseFindingQuery({ severity: 'urgent' })).toThrow(/^Invalid query parameter 'severity'/);
    expect(() => parseFindingQuery({ limit: '501' })).toThrow(/^Invalid query parameter 'limit'/);
    expect(() => parseFindingExportQuery({ cursor: 'x' })).toThrow("Unknown query parameter 'cursor'");
    expect(() => parseCostQuery({ groupBy: 'team' })).toThrow(/^Invalid query parameter 'groupBy'/);
    expect(() => parseExportPath({ kind: 'pools', format: 'xlsx' })).toThrow(/^Invalid export format/);
    expect(() => parseExportPath({ kind: 'nodes', format: 'csv' })).toThrow(/^Invalid export kind/);
    expect(parseExportPath({ kind: 'costs', format: 'json' })).toEqual({ kind: 'costs', format: 'json' });
  });

  it('reads an acknowledgement with an expiry in the future', () => {
    expect(parseAcknowledgeBody({ reason: '  batch window  ' }, NOW)).toEqual({ reason: 'batch window' });
    expect(parseAcknowledgeBody({ reason: 'x', expiresAt: '2026-12-31' }, NOW)).toEqual({
      reason: 'x',
      expiresAt: '2026-12-31T23:59:59.999Z',
    });
    expect(parseAcknowledgeBody({ reason: 'x', expiresAt: '2027-01-01T08:00:00+02:00' }, NOW).expiresAt).toBe('2027-01-01T06:00:00.000Z');
    expect(() => parseAcknowledgeBody({ reason: ' ' }, NOW)).toThrow(/^Invalid field 'reason'/);
    expect(() => parseAcknowledgeBody({ reason: 'x', expiresAt: 'soon' }, NOW)).toThrow(/^Invalid field 'expiresAt'/);
    expect(() => parseAcknowledgeBody({ reason: 'x', expiresAt: '2026-12-02' }, NOW)).toThrow(/not in the future/);
  });

  it('reads confirmations and hand-overs, new owners as entity refs', () => {
    expect(
      parseConfirmBody({
        pools: [
          { ref: 'eks/1/r/c/a', action: 'confirm' },
          { ref: 'eks/1/r/c/b', action: 'hand-over', handTo: 'Team-Data' },
        ],
      }),
    ).toEqual({
      pools: [
        { ref: 'eks/1/r/c/a', action: 'confirm' },
        { ref: 'eks/1/r/c/b', action: 'hand-over', handTo: 'group:default/team-data' },
      ],
    });
    expect(() => parseConfirmBody({ pools: [{ ref: 'a', action: 'confirm' }, { ref: 'a', action: 'confirm' }] })).toThrow(
      /^Invalid field 'pools.1.ref'.*named twice/,
    );
    expect(() => parseConfirmBody({ pools: [{ ref: 'a', action: 'confirm', handTo: 'x' }] })).toThrow(/^Unknown field 'handTo' of 'pools.0'/);
    expect(() => parseConfirmBody({ pools: 'a' })).toThrow(/^Invalid field 'pools'.*expected an array/);
    expect(() => parseConfirmBody(undefined)).toThrow(/^Invalid field 'pools'.*is required/);
  });

  it('reads an owner in the path as an entity ref', () => {
    expect(parseOwnerParam('team-a')).toBe('group:default/team-a');
    expect(parseOwnerParam('user:default/Ada')).toBe('user:default/ada');
    expect(() => parseOwnerParam('group:')).toThrow(/^Invalid owner 'group:'/);
  });
});

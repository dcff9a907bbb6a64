import { actionsFrom, isFinal, provisioningOf, REQUEST_STATES, REQUEST_TRANSITIONS, transitionOf, type RequestAction, type RequestState } from './stateMachine';

/** The whole table as "from --action--> to", one line per transition. */
const EXPECTED = [
  'draft --edit--> draft (requester)',
  'draft --submit--> submitted (requester)',
  'draft --cancel--> cancelled (requester)',
  'submitted --approve--> approved (approver)',
  'submitted --reject--> rejected (approver)',
  'submitted --cancel--> cancelled (requester, approver)',
  'approved --cancel--> cancelled (requester, approver)',
  'approved --detect-creating--> provisioning (system)',
  'approved --detect-ready--> provisioned (system)',
  'provisioning --detect-ready--> provisioned (system)',
  'failed --detect-ready--> provisioned (system)',
  'approved --detect-failed--> failed (system)',
  'provisioning --detect-failed--> failed (system)',
  'approved --expire--> expired (system)',
  'provisioning --expire--> expired (system)',
];

describe('the request state machine', () => {
  it('is exactly this table', () => {
    expect(REQUEST_TRANSITIONS.map(t => `${t.from} --${t.action}--> ${t.to} (${t.roles.join(', ')})`)).toEqual(EXPECTED);
  });

  const actions: RequestAction[] = ['edit', 'submit', 'approve', 'reject', 'cancel', 'detect-creating', 'detect-ready', 'detect-failed', 'expire'];
  const cases = REQUEST_STATES.flatMap(state => actions.map(action => [state, action] as [RequestState, RequestAction]));

  it.each(cases)('from %s, %s is allowed only where the table says', (state, action) => {
    const line = EXPECTED.find(l => l.startsWith(`${state} --${action}-->`));
    expect(transitionOf(state, action)?.to).toBe(line ? line.split('--> ')[1].split(' ')[0] : undefined);
  });

  it('leaves rejected, cancelled, expired and provisioned requests where they are', () => {
    expect(REQUEST_STATES.filter(isFinal)).toEqual(['rejected', 'cancelled', 'provisioned', 'expired']);
  });

  it('offers each role its own actions', () => {
    expect(actionsFrom('submitted', ['requester'])).toEqual(['cancel']);
    expect(actionsFrom('submitted', ['approver'])).toEqual(['approve', 'reject', 'cancel']);
    expect(actionsFrom('draft', ['approver'])).toEqual([]);
    expect(actionsFrom('approved', ['system'])).toEqual(['detect-creating', 'detect-ready', 'detect-failed', 'expire']);
  });

  it.each([
    ['CREATING', 'creating'],
    ['PROVISIONING', 'creating'],
    ['Creating', 'creating'],
    ['CREATE_FAILED', 'failed'],
    ['ERROR', 'failed'],
    ['Failed', 'failed'],
    ['ACTIVE', 'ready'],
    ['RUNNING', 'ready'],
    ['Succeeded', 'ready'],
    [undefined, 'ready'],
  ])('reads the cloud state %p as %s', (state, expected) => {
    expect(provisioningOf(state)).toBe(expected);
  });
});

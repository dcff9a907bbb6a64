/*
 * The request workflow as one transition table. People move a request
 * through review; the inventory (actor `system`) moves an approved request
 * as its pool appears, fails or never shows up.
 */

export const REQUEST_STATES = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'cancelled',
  'provisioning',
  'provisioned',
  'failed',
  'expired',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** Actions of people, through the API. */
export const USER_ACTIONS = ['create', 'edit', 'submit', 'approve', 'reject', 'cancel'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** Actions of the provisioning detection, after a sync of the inventory. */
export const SYSTEM_ACTIONS = ['detect-creating', 'detect-ready', 'detect-failed', 'expire'] as const;
export type SystemAction = (typeof SYSTEM_ACTIONS)[number];

export type RequestAction = UserAction | SystemAction;

/** Who may take an action: the request's requester, an approver of its cluster, or the inventory. */
export type ActionRole = 'requester' | 'approver' | 'system';

export interface Transition {
  action: RequestAction;
  from: RequestState;
  to: RequestState;
  roles: readonly ActionRole[];
}

export const REQUEST_TRANSITIONS: readonly Transition[] = [
  { action: 'edit', from: 'draft', to: 'draft', roles: ['requester'] },
  { action: 'submit', from: 'draft', to: 'submitted', roles: ['requester'] },
  { action: 'cancel', from: 'draft', to: 'cancelled', roles: ['requester'] },
  { action: 'approve', from: 'submitted', to: 'approved', roles: ['approver'] },
  { action: 'reject', from: 'submitted', to: 'rejected', roles: ['approver'] },
  { action: 'cancel', from: 'submitted', to: 'cancelled', roles: ['requester', 'approver'] },
  { action: 'cancel', from: 'approved', to: 'cancelled', roles: ['requester', 'approver'] },
  { action: 'detect-creating', from: 'approved', to: 'provisioning', roles: ['system'] },
  { action: 'detect-ready', from: 'approved', to: 'provisioned', roles: ['system'] },
  { action: 'detect-ready', from: 'provisioning', to: 'provisioned', roles: ['system'] },
  // A pool whose creation failed and that the cloud then brought up.
  { action: 'detect-ready', from: 'failed', to: 'provisioned', roles: ['system'] },
  { action: 'detect-failed', from: 'approved', to: 'failed', roles: ['system'] },
  { action: 'detect-failed', from: 'provisioning', to: 'failed', roles: ['system'] },
  { action: 'expire', from: 'approved', to: 'expired', roles: ['system'] },
  { action: 'expire', from: 'provisioning', to: 'expired', roles: ['system'] },
];

/** The state a request enters when created: a draft, or submitted at once. */
export function initialState(submit: boolean): RequestState {
  return submit ? 'submitted' : 'draft';
}

/** The transition an action takes from a state, if it can be taken. */
export function transitionOf(from: RequestState, action: RequestAction): Transition | undefined {
  return REQUEST_TRANSITIONS.find(t => t.from === from && t.action === action);
}

/** The actions these roles can take from a state. */
export function actionsFrom(state: RequestState, roles: readonly ActionRole[]): RequestAction[] {
  return REQUEST_TRANSITIONS.filter(t => t.from === state && t.roles.some(r => roles.includes(r))).map(t => t.action);
}

/** States in which a request still claims its name in its cluster. */
export const OPEN_STATES: readonly RequestState[] = ['draft', 'submitted', 'approved', 'provisioning'];

/** States whose spec is the desired state of a pool. */
export const DESIRED_STATES: readonly RequestState[] = ['approved', 'provisioning', 'provisioned'];

/** States no action leaves, except a failed pool the cloud later brings up. */
export function isFinal(state: RequestState): boolean {
  return !REQUEST_TRANSITIONS.some(t => t.from === state);
}

/**
 * What a pool's provider state says about its creation: `creating`,
 * `failed` or `ready`. The spellings are the clouds' own (EKS status,
 * GKE status, AKS provisioningState); a pool without a state is ready.
 */
export function provisioningOf(state: string | undefined): 'creating' | 'failed' | 'ready' {
  const s = (state ?? '').toUpperCase();
  if (['CREATE_FAILED', 'FAILED', 'ERROR'].includes(s)) return 'failed';
  if (['CREATING', 'PROVISIONING'].includes(s)) return 'creating';
  return 'ready';
}

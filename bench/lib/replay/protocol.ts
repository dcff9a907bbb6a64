import type { FleetChange } from './world';

/** Requests answered since the server started, by API. */
export interface RequestCounts {
  eks: number;
  kubernetes: number;
  /** Unauthenticated, unknown or malformed requests: any is a benchmark bug. */
  rejected: number;
}

/** Parent to replay server. */
export type ReplayMessage = { type: 'replay-apply'; change: FleetChange } | { type: 'replay-counts' };

/** Replay server to parent. */
export type ReplayReply =
  | { type: 'replay-ready'; port: number }
  | { type: 'replay-applied' }
  | { type: 'replay-counts'; counts: RequestCounts };

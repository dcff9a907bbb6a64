/**
 * The acknowledgement columns of a finding row (drift or governance),
 * cleared: a finding that holds again is re-opened without the
 * acknowledgement it had before it resolved.
 */
export const NO_ACKNOWLEDGEMENT = {
  acknowledged_by: null,
  acknowledged_at: null,
  acknowledged_reason: null,
  acknowledged_until: null,
} as const;

import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { PoolRequestSpecInput, ValidationResult } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../api';
import { specFieldOf, statusOf } from '../lib/requestFormat';
import { errorMessage } from '../lib/format';

export interface RequestValidationState {
  /** The last answer for a spec the API could read. */
  result?: ValidationResult;
  /** The spec is not yet well formed: the field the API named, and why. */
  inputError?: { field: string; message: string };
  /** The check itself failed (network, 5xx, refused). */
  error?: Error;
  /** A check of the current spec is waiting or running. */
  pending: boolean;
}

/**
 * Checks the spec against the policies while it is typed: one
 * `POST /requests/validate` once the spec has been still for `delayMs`,
 * the previous one aborted. A 400 is not a failure here: it names the
 * field that is not yet valid.
 */
export function useRequestValidation(
  spec: PoolRequestSpecInput,
  options: { requestId?: string; delayMs?: number } = {},
): RequestValidationState {
  const api = useApi(nodePoolsApiRef);
  const { requestId, delayMs = 300 } = options;
  const key = useMemo(() => JSON.stringify(spec), [spec]);
  const [state, setState] = useState<RequestValidationState>({ pending: true });

  useEffect(() => {
    const controller = new AbortController();
    setState(s => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      api
        .validateRequest({ spec: JSON.parse(key), ...(requestId ? { requestId } : {}) }, { signal: controller.signal })
        .then(
          result => !controller.signal.aborted && setState({ result, pending: false }),
          error => {
            if (controller.signal.aborted) return;
            if (statusOf(error) === 400) {
              setState(s => ({
                result: s.result,
                inputError: { field: specFieldOf(error) ?? 'body', message: errorMessage(error) },
                pending: false,
              }));
            } else {
              setState(s => ({ result: s.result, error, pending: false }));
            }
          },
        );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, key, requestId, delayMs]);

  return state;
}

import { createContext, useContext } from 'react';

/** The cluster ref of the triage on screen, so a new-pool fix can prefill a request for that cluster. */
export const TriageClusterContext = createContext<string | undefined>(undefined);

export function useTriageCluster(): string | undefined {
  return useContext(TriageClusterContext);
}

import { Route, Routes } from 'react-router-dom';
import { DriftCountsProvider } from '../DriftCounts';
import { DriftPage } from '../DriftPage';
import { NodePoolsPage } from '../NodePoolsPage';
import { PoolPage } from '../PoolPage';
import { RequestRoutes } from './RequestRoutes';
import { SourcesPage } from '../SourcesPage';
import { TriagePage } from '../TriagePage';

/** The plugin's pages below wherever the app mounts it (`/nodepools`). */
export function Router() {
  return (
    <DriftCountsProvider>
      <Routes>
        <Route path="/" element={<NodePoolsPage />} />
        <Route path="/pool/:ref" element={<PoolPage />} />
        <Route path="/sources" element={<SourcesPage />} />
        <Route path="/triage/*" element={<TriagePage />} />
        <Route path="/drift" element={<DriftPage />} />
        <Route path="/requests/*" element={<RequestRoutes />} />
      </Routes>
    </DriftCountsProvider>
  );
}

import { Route, Routes } from 'react-router-dom';
import { NodePoolsPage } from '../NodePoolsPage';
import { PoolPage } from '../PoolPage';
import { RequestRoutes } from './RequestRoutes';
import { SourcesPage } from '../SourcesPage';
import { TriagePage } from '../TriagePage';

/** The plugin's pages below wherever the app mounts it (`/nodepools`). */
export function Router() {
  return (
    <Routes>
      <Route path="/" element={<NodePoolsPage />} />
      <Route path="/pool/:ref" element={<PoolPage />} />
      <Route path="/sources" element={<SourcesPage />} />
      <Route path="/triage/*" element={<TriagePage />} />
      <Route path="/requests/*" element={<RequestRoutes />} />
    </Routes>
  );
}

import { Route, Routes } from 'react-router-dom';
import { NodePoolsPage } from '../NodePoolsPage';
import { PoolPage } from '../PoolPage';
import { SourcesPage } from '../SourcesPage';
import { TriagePage } from '../TriagePage';

/** The pool list and pool pages, below wherever they are mounted (`/nodepools/pools`). */
export function PoolsRoutes() {
  return (
    <Routes>
      <Route path="/" element={<NodePoolsPage />} />
      <Route path="/:ref" element={<PoolPage />} />
    </Routes>
  );
}

/**
 * The plugin's pages below wherever the app mounts it (`/nodepools`), for
 * the legacy frontend system: the pool list at the root and at `/pools`.
 */
export function Router() {
  return (
    <Routes>
      <Route path="/" element={<NodePoolsPage />} />
      <Route path="/pools/*" element={<PoolsRoutes />} />
      <Route path="/sources" element={<SourcesPage />} />
      <Route path="/triage/*" element={<TriagePage />} />
    </Routes>
  );
}

import { Navigate, Route, Routes, useLocation, useParams } from 'react-router-dom';
import { usePoolLink } from '../../hooks/usePoolLink';
import { DriftCountsProvider } from '../DriftCounts';
import { DriftPage } from '../DriftPage';
import { GovernancePage } from '../GovernancePage';
import { OwnerReviewPage } from '../OwnerReviewPage';
import { OwnersPage } from '../OwnersPage';
import { NodePoolsPage } from '../NodePoolsPage';
import { PoolPage } from '../PoolPage';
import { RequestRoutes } from './RequestRoutes';
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

/** Pool pages used to live at `/pool/:ref`: links saved then still open the pool. */
function MovedPoolPage() {
  const { ref } = useParams();
  const { search } = useLocation();
  const to = usePoolLink()(ref ?? '');
  return to ? <Navigate to={`${to}${search}`} replace /> : null;
}

/** The owners' list and each owner's review below `/owners`. */
export function OwnerRoutes() {
  return (
    <Routes>
      <Route path="/" element={<OwnersPage />} />
      <Route path="/:ref/review" element={<OwnerReviewPage />} />
    </Routes>
  );
}

/**
 * The plugin's pages below wherever the app mounts it (`/nodepools`), for
 * the legacy frontend system: the pool list at the root and at `/pools`.
 */
export function Router() {
  return (
    <DriftCountsProvider>
      <Routes>
        <Route path="/" element={<NodePoolsPage />} />
        <Route path="/pools/*" element={<PoolsRoutes />} />
        <Route path="/pool/:ref" element={<MovedPoolPage />} />
        <Route path="/sources" element={<SourcesPage />} />
        <Route path="/triage/*" element={<TriagePage />} />
        <Route path="/drift" element={<DriftPage />} />
        <Route path="/governance" element={<GovernancePage />} />
        <Route path="/owners/*" element={<OwnerRoutes />} />
        <Route path="/requests/*" element={<RequestRoutes />} />
      </Routes>
    </DriftCountsProvider>
  );
}

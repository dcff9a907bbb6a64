import { Route, Routes } from 'react-router-dom';
import { RequestFormPage } from '../RequestFormPage';
import { RequestListPage } from '../RequestListPage';
import { RequestPage } from '../RequestPage';

/** The pool request pages below `/requests`. */
export function RequestRoutes() {
  return (
    <Routes>
      <Route path="/" element={<RequestListPage view="mine" />} />
      {/* Approvers see the queue in pages of 500, the most the backend answers at once. */}
      <Route path="/approvals" element={<RequestListPage view="to-approve" pageSize={500} />} />
      <Route path="/new" element={<RequestFormPage />} />
      <Route path="/:id" element={<RequestPage />} />
    </Routes>
  );
}

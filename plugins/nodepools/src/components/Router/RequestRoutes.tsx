import { Route, Routes } from 'react-router-dom';
import { RequestFormPage } from '../RequestFormPage';
import { RequestListPage } from '../RequestListPage';
import { RequestPage } from '../RequestPage';

/** The pool request pages below `/requests`. */
export function RequestRoutes() {
  return (
    <Routes>
      <Route path="/" element={<RequestListPage view="mine" />} />
      <Route path="/approvals" element={<RequestListPage view="to-approve" />} />
      <Route path="/new" element={<RequestFormPage />} />
      <Route path="/:id" element={<RequestPage />} />
    </Routes>
  );
}

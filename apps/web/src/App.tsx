import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { AccessibilityStatementPage } from './pages/AccessibilityStatementPage';
import { HomePage } from './pages/HomePage';
import { ImprintPage } from './pages/ImprintPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { paths } from './paths';

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path={paths.accessibility} element={<AccessibilityStatementPage />} />
        <Route path={paths.imprint} element={<ImprintPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

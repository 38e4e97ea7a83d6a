import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { RequireRole, RequireSession } from './components/RequireSession';
import { AccessibilityStatementPage } from './pages/AccessibilityStatementPage';
import { AccountPage } from './pages/account/AccountPage';
import { FinancePage } from './pages/finance/FinancePage';
import { FundPage } from './pages/finance/FundPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { ImprintPage } from './pages/ImprintPage';
import { InvitationPage } from './pages/InvitationPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { OrganisationPage } from './pages/OrganisationPage';
import { PlaceholderPage } from './pages/PlaceholderPage';
import { RegisterPage } from './pages/RegisterPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { UsersPage } from './pages/UsersPage';
import { notificationSettingsAnchor, paths } from './paths';
import { canAdministerUsers, hasAnyRole, hasRole, isCarrier } from './session/roles';

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path={paths.accessibility} element={<AccessibilityStatementPage />} />
        <Route path={paths.imprint} element={<ImprintPage />} />
        <Route path={paths.login} element={<LoginPage />} />
        <Route path={paths.forgotPassword} element={<ForgotPasswordPage />} />
        <Route path={paths.resetPassword} element={<ResetPasswordPage />} />
        <Route path={paths.invitation} element={<InvitationPage />} />
        <Route path={paths.register} element={<RegisterPage />} />

        <Route element={<RequireSession />}>
          <Route path={paths.account} element={<AccountPage />} />
          <Route
            path={paths.notificationSettings}
            element={<Navigate to={`${paths.account}#${notificationSettingsAnchor}`} replace />}
          />
          <Route path={paths.notifications} element={<NotificationsPage />} />
          <Route element={<RequireRole allow={isCarrier} />}>
            <Route path={paths.organisation} element={<OrganisationPage />} />
            <Route path={paths.myApplications} element={<PlaceholderPage section="myApplications" />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasRole(me, 'board_member')} />}>
            <Route path={paths.review} element={<PlaceholderPage section="review" />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasRole(me, 'coordinator')} />}>
            <Route path={paths.calls} element={<PlaceholderPage section="calls" />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasAnyRole(me, 'finance', 'admin')} />}>
            <Route path={paths.finance} element={<FinancePage />} />
            <Route path={paths.fund} element={<FundPage />} />
          </Route>
          <Route element={<RequireRole allow={canAdministerUsers} />}>
            <Route path={paths.users} element={<UsersPage />} />
          </Route>
        </Route>

        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

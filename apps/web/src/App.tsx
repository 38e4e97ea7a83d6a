import { Navigate, Route, Routes } from 'react-router';
import { ApiTokensAdminPage } from './pages/ApiTokensAdminPage';
import { OrganisationsPage } from './pages/OrganisationsPage';
import { VerifyEmailPage } from './pages/VerifyEmailPage';
import { Layout } from './components/Layout';
import { RequireRole, RequireSession } from './components/RequireSession';
import { AccessibilityStatementPage } from './pages/AccessibilityStatementPage';
import { AccountPage } from './pages/account/AccountPage';
import { ApplicationCheckPage } from './pages/applications/ApplicationCheckPage';
import { ApplicationLayout } from './pages/applications/ApplicationLayout';
import { ApplicationOverviewPage } from './pages/applications/ApplicationOverviewPage';
import { ApplicationPartPage } from './pages/applications/ApplicationPartPage';
import { FinalReportPage } from './pages/applications/FinalReportPage';
import { MyApplicationsPage } from './pages/applications/MyApplicationsPage';
import { NewApplicationPage } from './pages/applications/NewApplicationPage';
import { CallFormPage } from './pages/coordination/CallFormPage';
import { CallOffsPage } from './pages/coordination/CallOffsPage';
import { CallPage } from './pages/coordination/CallPage';
import { CallsPage } from './pages/coordination/CallsPage';
import { InboxPage } from './pages/coordination/InboxPage';
import { SessionPage } from './pages/committee/SessionPage';
import { SessionsPage } from './pages/committee/SessionsPage';
import { StaffApplicationPage } from './pages/coordination/StaffApplicationPage';
import { FinancePage } from './pages/finance/FinancePage';
import { FundPage } from './pages/finance/FundPage';
import { NewTrackedProjectPage } from './pages/finance/NewTrackedProjectPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { ImprintPage } from './pages/ImprintPage';
import { InvitationPage } from './pages/InvitationPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { OrganisationPage } from './pages/OrganisationPage';
import { RegisterPage } from './pages/RegisterPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { UsersPage } from './pages/UsersPage';
import { notificationSettingsAnchor, paths } from './paths';
import { CommitteesPage } from './pages/committee/CommitteesPage';
import { ProgrammePlanPage } from './pages/committee/ProgrammePlanPage';
import { ReviewQueuePage } from './pages/committee/ReviewQueuePage';
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
        <Route path={paths.verifyEmail} element={<VerifyEmailPage />} />

        <Route element={<RequireSession />}>
          <Route path={paths.account} element={<AccountPage />} />
          <Route
            path={paths.notificationSettings}
            element={<Navigate to={`${paths.account}#${notificationSettingsAnchor}`} replace />}
          />
          <Route path={paths.notifications} element={<NotificationsPage />} />
          <Route element={<RequireRole allow={isCarrier} />}>
            <Route path={paths.organisation} element={<OrganisationPage />} />
            <Route path={paths.myApplications} element={<MyApplicationsPage />} />
            <Route path={paths.newApplication} element={<NewApplicationPage />} />
            <Route path={paths.application} element={<ApplicationLayout />}>
              <Route index element={<ApplicationOverviewPage />} />
              <Route path="pruefen" element={<ApplicationCheckPage />} />
              <Route path="verwendungsnachweis" element={<FinalReportPage />} />
              {/* Sections notices link to (grant notice, change request, reports): all on the overview. */}
              {['bescheid', 'bearbeiten', 'berichte'].map((section) => (
                <Route key={section} path={section} element={<Navigate to=".." relative="path" replace />} />
              ))}
              <Route path=":part" element={<ApplicationPartPage />} />
            </Route>
          </Route>
          <Route element={<RequireRole allow={(me) => hasRole(me, 'board_member')} />}>
            <Route path={paths.review} element={<ReviewQueuePage />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasRole(me, 'coordinator')} />}>
            <Route path={paths.calls} element={<CallsPage />} />
            <Route path={paths.newCall} element={<CallFormPage />} />
            <Route path={paths.call} element={<CallPage />} />
            <Route path={paths.editCall} element={<CallFormPage />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasAnyRole(me, 'coordinator', 'finance')} />}>
            <Route path={paths.inbox} element={<InboxPage />} />
          </Route>
          <Route
            element={<RequireRole allow={(me) => hasAnyRole(me, 'coordinator', 'finance', 'board_member')} />}
          >
            <Route path={paths.inboxApplication} element={<StaffApplicationPage />} />
            <Route path={paths.programmePlan} element={<ProgrammePlanPage />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasAnyRole(me, 'coordinator', 'board_member')} />}>
            <Route path={paths.sessions} element={<SessionsPage />} />
            <Route path={paths.session} element={<SessionPage />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasRole(me, 'finance')} />}>
            <Route path={paths.callOffs} element={<CallOffsPage />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasAnyRole(me, 'finance', 'admin')} />}>
            <Route path={paths.finance} element={<FinancePage />} />
            <Route path={paths.fund} element={<FundPage />} />
            <Route path={paths.newTrackedProject} element={<NewTrackedProjectPage />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasAnyRole(me, 'coordinator', 'admin')} />}>
            <Route path={paths.committees} element={<CommitteesPage />} />
          </Route>
          <Route element={<RequireRole allow={canAdministerUsers} />}>
            <Route path={paths.users} element={<UsersPage />} />
            <Route path={paths.organisations} element={<OrganisationsPage />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasRole(me, 'admin')} />}>
            <Route path={paths.apiTokens} element={<ApiTokensAdminPage />} />
          </Route>
        </Route>

        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

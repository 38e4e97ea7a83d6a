import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { RequireRole, RequireSession } from './components/RequireSession';
import { HomePage } from './pages/HomePage';
import {
  AccessibilityStatementPage,
  AccountPage,
  ApiTokensAdminPage,
  ApplicationCheckPage,
  ApplicationLayout,
  ApplicationOverviewPage,
  ApplicationPartPage,
  BaseRatesPage,
  CallFormPage,
  CallOffsPage,
  CallPage,
  CallsPage,
  CommitteesPage,
  FinalReportPage,
  FinancePage,
  AreasPage,
  PastProjectsPage,
  AreaPage,
  ForgotPasswordPage,
  FundPage,
  ImprintPage,
  InboxPage,
  InvitationPage,
  LoginPage,
  MyApplicationsPage,
  NewApplicationPage,
  NewTrackedProjectPage,
  NoticeDeliveryPage,
  NotFoundPage,
  NotificationsPage,
  OrganisationPage,
  OrganisationsPage,
  ProgrammePlanPage,
  PublicProjectsPage,
  RegisterPage,
  ResetPasswordPage,
  ReviewQueuePage,
  SessionFormPage,
  SessionPage,
  SessionsPage,
  StaffApplicationPage,
  UsersPage,
  VerifyEmailPage,
} from './routes/lazyPages';
import { notificationSettingsAnchor, paths } from './paths';
import { canAdministerUsers, hasAnyRole, hasRole, isCarrier } from './session/roles';

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path={paths.accessibility} element={<AccessibilityStatementPage />} />
        <Route path={paths.imprint} element={<ImprintPage />} />
        <Route path={paths.publicProjects} element={<PublicProjectsPage />} />
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
            <Route path={paths.newSession} element={<SessionFormPage />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasAnyRole(me, 'coordinator', 'finance')} />}>
            <Route path={paths.inbox} element={<InboxPage />} />
          </Route>
          <Route
            element={
              <RequireRole
                allow={(me) => hasAnyRole(me, 'coordinator', 'finance', 'board_member', 'senate')}
              />
            }
          >
            {/* The Senate reads the lists the districts sent and records its selection on the application. */}
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
          <Route element={<RequireRole allow={(me) => hasAnyRole(me, 'finance', 'admin', 'senate')} />}>
            <Route path={paths.finance} element={<FinancePage />} />
          </Route>
          <Route
            element={
              <RequireRole
                allow={(me) => hasAnyRole(me, 'coordinator', 'finance', 'board_member', 'admin', 'senate')}
              />
            }
          >
            <Route path={paths.areas} element={<AreasPage />} />
            <Route path={paths.area} element={<AreaPage />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasAnyRole(me, 'coordinator', 'finance', 'admin')} />}>
            <Route path={paths.pastProjects} element={<PastProjectsPage />} />
          </Route>
          <Route element={<RequireRole allow={(me) => hasAnyRole(me, 'finance', 'admin')} />}>
            <Route path={paths.fund} element={<FundPage />} />
            <Route path={paths.newTrackedProject} element={<NewTrackedProjectPage />} />
            <Route path={paths.baseRates} element={<BaseRatesPage />} />
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
            <Route path={paths.noticeDelivery} element={<NoticeDeliveryPage />} />
          </Route>
        </Route>

        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

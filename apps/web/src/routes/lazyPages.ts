import { type ComponentType, lazy as reactLazy } from 'react';
import { ensureMessages } from '../i18n';

/** A page's chunk and the messages beyond the shell's, fetched side by side. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own constraint
function lazy<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return reactLazy(() => Promise.all([load(), ensureMessages()]).then(([page]) => page));
}

/*
 * Every page but the home page is its own chunk, loaded when its route is first visited: the first
 * load carries only the shell (React, the router, i18n, the layout and the home page), and a
 * carrier never downloads the finance or committee screens. The Layout's Suspense shows a loader
 * meanwhile.
 */

export const AccessibilityStatementPage = lazy(() =>
  import('../pages/AccessibilityStatementPage').then((m) => ({ default: m.AccessibilityStatementPage })),
);
export const AccountPage = lazy(() =>
  import('../pages/account/AccountPage').then((m) => ({ default: m.AccountPage })),
);
export const ApiTokensAdminPage = lazy(() =>
  import('../pages/ApiTokensAdminPage').then((m) => ({ default: m.ApiTokensAdminPage })),
);
export const ApplicationCheckPage = lazy(() =>
  import('../pages/applications/ApplicationCheckPage').then((m) => ({ default: m.ApplicationCheckPage })),
);
export const ApplicationLayout = lazy(() =>
  import('../pages/applications/ApplicationLayout').then((m) => ({ default: m.ApplicationLayout })),
);
export const ApplicationOverviewPage = lazy(() =>
  import('../pages/applications/ApplicationOverviewPage').then((m) => ({
    default: m.ApplicationOverviewPage,
  })),
);
export const ApplicationPartPage = lazy(() =>
  import('../pages/applications/ApplicationPartPage').then((m) => ({ default: m.ApplicationPartPage })),
);
export const BaseRatesPage = lazy(() =>
  import('../pages/finance/BaseRatesPage').then((m) => ({ default: m.BaseRatesPage })),
);
export const CallFormPage = lazy(() =>
  import('../pages/coordination/CallFormPage').then((m) => ({ default: m.CallFormPage })),
);
export const CallOffsPage = lazy(() =>
  import('../pages/coordination/CallOffsPage').then((m) => ({ default: m.CallOffsPage })),
);
export const CallPage = lazy(() =>
  import('../pages/coordination/CallPage').then((m) => ({ default: m.CallPage })),
);
export const CallsPage = lazy(() =>
  import('../pages/coordination/CallsPage').then((m) => ({ default: m.CallsPage })),
);
export const CommitteesPage = lazy(() =>
  import('../pages/committee/CommitteesPage').then((m) => ({ default: m.CommitteesPage })),
);
export const FinalReportPage = lazy(() =>
  import('../pages/applications/FinalReportPage').then((m) => ({ default: m.FinalReportPage })),
);
export const FinancePage = lazy(() =>
  import('../pages/finance/FinancePage').then((m) => ({ default: m.FinancePage })),
);
export const ForgotPasswordPage = lazy(() =>
  import('../pages/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
);
export const FundPage = lazy(() =>
  import('../pages/finance/FundPage').then((m) => ({ default: m.FundPage })),
);
export const ImprintPage = lazy(() =>
  import('../pages/ImprintPage').then((m) => ({ default: m.ImprintPage })),
);
export const InboxPage = lazy(() =>
  import('../pages/coordination/InboxPage').then((m) => ({ default: m.InboxPage })),
);
export const InvitationPage = lazy(() =>
  import('../pages/InvitationPage').then((m) => ({ default: m.InvitationPage })),
);
export const LoginPage = lazy(() => import('../pages/LoginPage').then((m) => ({ default: m.LoginPage })));
export const MyApplicationsPage = lazy(() =>
  import('../pages/applications/MyApplicationsPage').then((m) => ({ default: m.MyApplicationsPage })),
);
export const NewApplicationPage = lazy(() =>
  import('../pages/applications/NewApplicationPage').then((m) => ({ default: m.NewApplicationPage })),
);
export const NewTrackedProjectPage = lazy(() =>
  import('../pages/finance/NewTrackedProjectPage').then((m) => ({ default: m.NewTrackedProjectPage })),
);
export const NoticeDeliveryPage = lazy(() =>
  import('../pages/NoticeDeliveryPage').then((m) => ({ default: m.NoticeDeliveryPage })),
);
export const NotFoundPage = lazy(() =>
  import('../pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })),
);
export const NotificationsPage = lazy(() =>
  import('../pages/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);
export const OrganisationPage = lazy(() =>
  import('../pages/OrganisationPage').then((m) => ({ default: m.OrganisationPage })),
);
export const OrganisationsPage = lazy(() =>
  import('../pages/OrganisationsPage').then((m) => ({ default: m.OrganisationsPage })),
);
export const ProgrammePlanPage = lazy(() =>
  import('../pages/committee/ProgrammePlanPage').then((m) => ({ default: m.ProgrammePlanPage })),
);
export const PublicProjectsPage = lazy(() =>
  import('../pages/public/PublicProjectsPage').then((m) => ({ default: m.PublicProjectsPage })),
);
export const RegisterPage = lazy(() =>
  import('../pages/RegisterPage').then((m) => ({ default: m.RegisterPage })),
);
export const ResetPasswordPage = lazy(() =>
  import('../pages/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })),
);
export const ReviewQueuePage = lazy(() =>
  import('../pages/committee/ReviewQueuePage').then((m) => ({ default: m.ReviewQueuePage })),
);
export const SessionPage = lazy(() =>
  import('../pages/committee/SessionPage').then((m) => ({ default: m.SessionPage })),
);
export const SessionFormPage = lazy(() =>
  import('../pages/committee/SessionFormPage').then((m) => ({ default: m.SessionFormPage })),
);
export const SessionsPage = lazy(() =>
  import('../pages/committee/SessionsPage').then((m) => ({ default: m.SessionsPage })),
);
export const StaffApplicationPage = lazy(() =>
  import('../pages/coordination/StaffApplicationPage').then((m) => ({ default: m.StaffApplicationPage })),
);
export const UsersPage = lazy(() => import('../pages/UsersPage').then((m) => ({ default: m.UsersPage })));
export const VerifyEmailPage = lazy(() =>
  import('../pages/VerifyEmailPage').then((m) => ({ default: m.VerifyEmailPage })),
);

export const AreasPage = lazy(() =>
  import('../pages/areas/AreasPage').then((m) => ({ default: m.AreasPage })),
);
export const AreaPage = lazy(() => import('../pages/areas/AreaPage').then((m) => ({ default: m.AreaPage })));
export const PastProjectsPage = lazy(() =>
  import('../pages/coordination/PastProjectsPage').then((m) => ({ default: m.PastProjectsPage })),
);

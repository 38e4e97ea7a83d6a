import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Alert } from '../components/Alert';
import { Card } from '../components/Card';
import { HealthStatus } from '../components/HealthStatus';
import { Page } from '../components/Page';
import { TextLink } from '../components/TextLink';
import type { Me } from '../api/identity';
import { paths } from '../paths';
import { useSession } from '../session/SessionContext';
import { hasRole, isCarrier } from '../session/roles';
import type { WelcomeState } from './InvitationPage';

type StepKey =
  | 'signIn'
  | 'register'
  | 'carrierApplications'
  | 'carrierOrganisation'
  | 'boardReview'
  | 'boardSessions'
  | 'coordinatorInbox'
  | 'coordinatorCalls'
  | 'coordinatorSessions'
  | 'financeCallOffs'
  | 'financeFunds'
  | 'senateFunds'
  | 'adminUsers'
  | 'account';

/** What each role does next, with the page it happens on; the server checks access again. */
function nextSteps(me: Me | null): { key: StepKey; to: string }[] {
  if (!me) {
    return [
      { key: 'signIn', to: paths.login },
      { key: 'register', to: paths.register },
    ];
  }
  const steps: { key: StepKey; to: string }[] = [];
  if (isCarrier(me)) {
    steps.push({ key: 'carrierApplications', to: paths.myApplications });
    steps.push({ key: 'carrierOrganisation', to: paths.organisation });
  }
  if (hasRole(me, 'coordinator')) {
    steps.push({ key: 'coordinatorInbox', to: paths.inbox });
    steps.push({ key: 'coordinatorCalls', to: paths.calls });
    steps.push({ key: 'coordinatorSessions', to: paths.sessions });
  }
  if (hasRole(me, 'board_member')) {
    steps.push({ key: 'boardReview', to: paths.review });
    if (!hasRole(me, 'coordinator')) steps.push({ key: 'boardSessions', to: paths.sessions });
  }
  if (hasRole(me, 'finance')) {
    steps.push({ key: 'financeCallOffs', to: paths.callOffs });
    steps.push({ key: 'financeFunds', to: paths.finance });
  }
  if (hasRole(me, 'senate') && !hasRole(me, 'finance')) steps.push({ key: 'senateFunds', to: paths.finance });
  if (hasRole(me, 'admin')) steps.push({ key: 'adminUsers', to: paths.users });
  if (steps.length === 0) steps.push({ key: 'account', to: paths.account });
  return steps;
}

export function HomePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const welcome = (useLocation().state as WelcomeState | null)?.welcome === true;
  const audiences = [
    { key: 'carriers', title: t('home.carriersTitle'), body: t('home.carriersBody') },
    { key: 'committee', title: t('home.committeeTitle'), body: t('home.committeeBody') },
    { key: 'staff', title: t('home.staffTitle'), body: t('home.staffBody') },
  ];

  return (
    <Page title={t('home.title')} heading={t('home.heading')}>
      {me && (
        <Alert
          variant={welcome ? 'success' : 'info'}
          title={t(welcome ? 'home.welcomeNew' : 'home.signedInAs', { name: me.displayName })}
          role={welcome ? 'status' : undefined}
        >
          <p className="kern-body">{t('home.signedInBody')}</p>
        </Alert>
      )}
      <p className="kern-body kern-body--large">{t('home.lead')}</p>
      <p className="kern-body">{t('home.intro')}</p>

      <section className="page__section" aria-labelledby="naechste-schritte">
        <h2 className="kern-heading-medium" id="naechste-schritte">
          {t('home.nextStepsHeading')}
        </h2>
        <ul className="kern-list next-steps">
          {nextSteps(me).map((step) => (
            <li key={step.key} className="kern-body">
              <TextLink to={step.to}>{t(`home.steps.${step.key}.link`)}</TextLink>
              <span className="next-steps__hint">{t(`home.steps.${step.key}.hint`)}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="page__section" aria-labelledby="zielgruppen">
        <h2 className="kern-heading-medium" id="zielgruppen">
          {t('home.audiencesHeading')}
        </h2>
        <ul className="card-grid">
          {audiences.map((audience) => (
            <li key={audience.key}>
              <Card title={audience.title}>
                <p className="kern-body">{audience.body}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section className="page__section" aria-labelledby="systemstatus">
        <h2 className="kern-heading-medium" id="systemstatus">
          {t('health.heading')}
        </h2>
        <HealthStatus />
      </section>
    </Page>
  );
}

import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Alert } from '../components/Alert';
import { Card } from '../components/Card';
import { HealthStatus } from '../components/HealthStatus';
import { Page } from '../components/Page';
import { useSession } from '../session/SessionContext';
import type { WelcomeState } from './InvitationPage';

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

      <Alert variant="info" title={t('home.underConstructionTitle')} className="page__block">
        <p className="kern-body">{t('home.underConstructionBody')}</p>
      </Alert>

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

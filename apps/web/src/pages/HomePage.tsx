import { useTranslation } from 'react-i18next';
import { Alert } from '../components/Alert';
import { Card } from '../components/Card';
import { HealthStatus } from '../components/HealthStatus';
import { Page } from '../components/Page';

export function HomePage() {
  const { t } = useTranslation();
  const audiences = [
    { key: 'carriers', title: t('home.carriersTitle'), body: t('home.carriersBody') },
    { key: 'committee', title: t('home.committeeTitle'), body: t('home.committeeBody') },
    { key: 'staff', title: t('home.staffTitle'), body: t('home.staffBody') },
  ];

  return (
    <Page title={t('home.title')} heading={t('home.heading')}>
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

import { useTranslation } from 'react-i18next';
import { Badge } from '../components/Badge';
import { DescriptionList } from '../components/DescriptionList';
import { Page } from '../components/Page';
import { ExternalLink } from '../components/TextLink';
import { currentLanguage } from '../i18n';
import { formatDate } from '../i18n/format';
import { site } from '../site';

/** Accessibility statement as required by § 5 BIKTG Bln (Berlin's act implementing EU 2016/2102). */
export function AccessibilityStatementPage() {
  const { t } = useTranslation();
  const date = formatDate(site.accessibilityStatementDate, currentLanguage());

  return (
    <Page title={t('accessibility.title')} heading={t('accessibility.heading')}>
      <p className="kern-body">{t('accessibility.intro')}</p>
      <p className="kern-body">{t('accessibility.scope')}</p>

      <section className="page__section" aria-label={t('accessibility.summaryLabel')}>
        <DescriptionList
          items={[
            {
              key: 'status',
              term: t('accessibility.statusKey'),
              value: <Badge variant="warning" label={t('accessibility.statusValue')} />,
            },
            {
              key: 'standard',
              term: t('accessibility.standardKey'),
              value: t('accessibility.standardValue'),
            },
            { key: 'created', term: t('accessibility.createdKey'), value: date },
            { key: 'method', term: t('accessibility.methodKey'), value: t('accessibility.methodValue') },
          ]}
        />
      </section>

      <section className="page__section" aria-labelledby="vereinbarkeit">
        <h2 className="kern-heading-medium" id="vereinbarkeit">
          {t('accessibility.complianceHeading')}
        </h2>
        <p className="kern-body">{t('accessibility.complianceBody')}</p>
      </section>

      <section className="page__section" aria-labelledby="barrieren">
        <h2 className="kern-heading-medium" id="barrieren">
          {t('accessibility.barriersHeading')}
        </h2>
        <p className="kern-body">{t('accessibility.barriersIntro')}</p>
        <ul className="kern-list kern-list--bullet">
          <li>{t('accessibility.barrierIncomplete')}</li>
          <li>{t('accessibility.barrierTesting')}</li>
          <li>{t('accessibility.barrierEasyLanguage')}</li>
          <li>{t('accessibility.barrierUploads')}</li>
        </ul>
        <p className="kern-body">{t('accessibility.alternative')}</p>
      </section>

      <section className="page__section" aria-labelledby="erstellung">
        <h2 className="kern-heading-medium" id="erstellung">
          {t('accessibility.creationHeading')}
        </h2>
        <p className="kern-body">{t('accessibility.creationBody', { date })}</p>
      </section>

      <section className="page__section" aria-labelledby="feedback">
        <h2 className="kern-heading-medium" id="feedback">
          {t('accessibility.feedbackHeading')}
        </h2>
        <p className="kern-body">{t('accessibility.feedbackBody')}</p>
        <p className="kern-body">
          {t('accessibility.feedbackEmailLabel')}:{' '}
          <ExternalLink href={`mailto:${site.accessibilityEmail}`}>{site.accessibilityEmail}</ExternalLink>
        </p>
        <p className="kern-body">{t('accessibility.feedbackResponse')}</p>
      </section>

      <section className="page__section" aria-labelledby="durchsetzung">
        <h2 className="kern-heading-medium" id="durchsetzung">
          {t('accessibility.enforcementHeading')}
        </h2>
        <p className="kern-body">{t('accessibility.enforcementBody')}</p>
        <p className="kern-body">
          <ExternalLink href={site.enforcementBodyUrl}>{t('accessibility.enforcementLink')}</ExternalLink>
        </p>
      </section>
    </Page>
  );
}

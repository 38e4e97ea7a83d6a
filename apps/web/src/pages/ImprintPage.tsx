import { useTranslation } from 'react-i18next';
import { Alert } from '../components/Alert';
import { DescriptionList } from '../components/DescriptionList';
import { Page } from '../components/Page';
import { ExternalLink } from '../components/TextLink';
import { site } from '../site';

export function ImprintPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('imprint.title')} heading={t('imprint.heading')}>
      <Alert variant="info" title={t('imprint.placeholderTitle')} className="page__block">
        <p className="kern-body">{t('imprint.placeholderBody')}</p>
      </Alert>
      <p className="kern-body">{t('imprint.legalBasis')}</p>

      <section className="page__section" aria-labelledby="betreiber">
        <h2 className="kern-heading-medium" id="betreiber">
          {t('imprint.operatorHeading')}
        </h2>
        <DescriptionList
          items={[
            { key: 'operator', term: t('imprint.operatorKey'), value: t('imprint.operatorValue') },
            { key: 'address', term: t('imprint.addressKey'), value: t('imprint.addressValue') },
            { key: 'represented', term: t('imprint.representedKey'), value: t('imprint.representedValue') },
            {
              key: 'email',
              term: t('imprint.emailKey'),
              value: <ExternalLink href={`mailto:${site.contactEmail}`}>{site.contactEmail}</ExternalLink>,
            },
          ]}
        />
      </section>

      <section className="page__section" aria-labelledby="verantwortlich">
        <h2 className="kern-heading-medium" id="verantwortlich">
          {t('imprint.responsibleHeading')}
        </h2>
        <p className="kern-body">{t('imprint.responsibleBody')}</p>
      </section>

      <section className="page__section" aria-labelledby="software">
        <h2 className="kern-heading-medium" id="software">
          {t('imprint.softwareHeading')}
        </h2>
        <p className="kern-body">{t('imprint.softwareBody')}</p>
      </section>
    </Page>
  );
}

import { useTranslation } from 'react-i18next';
import { Alert } from '../components/Alert';
import { Page } from '../components/Page';

type Section = 'myApplications' | 'review' | 'calls' | 'finance';

/** Areas whose features are still to come; the navigation already leads here. */
export function PlaceholderPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  const title = t(`placeholder.${section}`);
  return (
    <Page title={title} heading={title}>
      <Alert variant="info" title={t('placeholder.comingTitle')}>
        <p className="kern-body">{t('placeholder.comingBody')}</p>
      </Alert>
    </Page>
  );
}

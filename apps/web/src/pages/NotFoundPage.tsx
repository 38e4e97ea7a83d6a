import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import { TextLink } from '../components/TextLink';
import { paths } from '../paths';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')} heading={t('notFound.heading')}>
      <p className="kern-body">{t('notFound.body')}</p>
      <p className="kern-body">
        <TextLink to={paths.home}>{t('notFound.homeLink')}</TextLink>
      </p>
    </Page>
  );
}

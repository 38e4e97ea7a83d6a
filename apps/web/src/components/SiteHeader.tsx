import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Kopfzeile } from './Kopfzeile';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNav } from './MainNav';
import { paths } from '../paths';

export function SiteHeader() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <Kopfzeile>{t('app.officialBar')}</Kopfzeile>
      <div className="kern-container site-header__bar">
        <div className="site-header__brand">
          <Link className="site-header__name" to={paths.home}>
            {t('app.name')}
          </Link>
          <p className="kern-body kern-body--muted site-header__subtitle">{t('app.subtitle')}</p>
        </div>
        <LanguageSwitch />
      </div>
      <MainNav />
    </header>
  );
}

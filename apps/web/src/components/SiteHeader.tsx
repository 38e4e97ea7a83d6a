import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../paths';
import { useSession } from '../session/SessionContext';
import { Kopfzeile } from './Kopfzeile';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNav } from './MainNav';
import { NotificationBell } from './NotificationBell';

export function SiteHeader() {
  const { t } = useTranslation();
  const { status } = useSession();
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
        <div className="site-header__tools">
          {status === 'signedIn' && <NotificationBell />}
          <LanguageSwitch />
        </div>
      </div>
      <MainNav />
    </header>
  );
}

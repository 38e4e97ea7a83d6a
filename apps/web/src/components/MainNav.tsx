import { useTranslation } from 'react-i18next';
import { paths } from '../paths';
import { NavTextLink } from './TextLink';

/** Main navigation; later features add their entries here. */
export function MainNav() {
  const { t } = useTranslation();
  return (
    <nav className="main-nav" aria-label={t('nav.mainLabel')}>
      <div className="kern-container">
        <ul className="kern-list kern-list--horizontal main-nav__list">
          <li>
            <NavTextLink to={paths.home}>{t('nav.home')}</NavTextLink>
          </li>
        </ul>
      </div>
    </nav>
  );
}

import { useTranslation } from 'react-i18next';
import { paths } from '../paths';
import { NavTextLink } from './TextLink';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer kern-layer kern-level-1">
      <div className="kern-container">
        <nav aria-label={t('nav.footerLabel')}>
          <ul className="kern-list kern-list--horizontal">
            <li>
              <NavTextLink to={paths.publicProjects}>{t('nav.publicProjects')}</NavTextLink>
            </li>
            <li>
              <NavTextLink to={paths.accessibility}>{t('nav.accessibility')}</NavTextLink>
            </li>
            <li>
              <NavTextLink to={paths.imprint}>{t('nav.imprint')}</NavTextLink>
            </li>
          </ul>
        </nav>
        <p className="kern-body kern-body--small kern-body--muted site-footer__licence">
          {t('footer.licence')}
        </p>
      </div>
    </footer>
  );
}

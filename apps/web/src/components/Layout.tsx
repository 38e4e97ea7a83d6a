import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from './ErrorBoundary';
import { Loader } from './Loader';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';
import { SkipLink } from './SkipLink';

const mainId = 'inhalt';

/** The shell around every page: skip link, header with navigation, main content, footer. */
export function Layout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    // After client-side navigation the browser keeps focus on the clicked link; moving it to the
    // new content tells screen-reader users that the page changed, as a full load would.
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className="site">
      <SkipLink targetId={mainId}>{t('skipLink')}</SkipLink>
      <SiteHeader />
      <main id={mainId} ref={mainRef} tabIndex={-1} className="kern-container site-main">
        <ErrorBoundary key={pathname}>
          <Suspense fallback={<Loader label={t('app.loadingPage')} />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      <SiteFooter />
    </div>
  );
}

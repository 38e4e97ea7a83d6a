import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Me } from '../api/identity';
import { paths } from '../paths';
import { type SignOutReason, useSession } from '../session/SessionContext';
import { forgetKeptInput, keptInput, restoreField } from '../session/unsavedInput';
import { Alert } from './Alert';
import { Button } from './Button';
import { Loader } from './Loader';
import { Page } from './Page';
import { TextLink } from './TextLink';

/**
 * Router state for the sign-in page: where to return after signing in, and why the previous
 * session ended (signed out here or everywhere, or expired).
 */
export type LoginState = { from?: string; signedOut?: SignOutReason };

/** Guards the routes below it: signed-out users go to the sign-in page and come back afterwards. */
export function RequireSession() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.status === 'loading') return <Loader label={t('session.loading')} />;
  if (session.status === 'unavailable') {
    return (
      <Page title={t('session.unavailableTitle')} heading={t('session.unavailableTitle')}>
        <Alert variant="danger" title={t('health.errorTitle')}>
          <p className="kern-body">{t('session.unavailableBody')}</p>
        </Alert>
        <div className="page__actions">
          <Button variant="secondary" icon="autorenew" label={t('health.retry')} onClick={session.reload} />
        </div>
      </Page>
    );
  }
  if (session.status === 'signedOut') {
    // Signing out on purpose leaves the page for good; an expired session comes back to it.
    const reason = session.endedBecause;
    const state: LoginState =
      reason === 'here' || reason === 'everywhere'
        ? { signedOut: reason }
        : { from: `${location.pathname}${location.search}${location.hash}`, signedOut: reason ?? undefined };
    return <Navigate to={paths.login} replace state={state} />;
  }
  return (
    <>
      <UnsavedInputRestored />
      <Outlet />
    </>
  );
}

/**
 * Back on a page after the session had expired there: puts the input kept from it back (see
 * `session/unsavedInput.ts`) once the page has loaded, and says so, for the user to check and save.
 */
function UnsavedInputRestored() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { me } = useSession();
  const userId = me?.id;
  const [restoredOn, setRestoredOn] = useState<string | null>(null);

  useEffect(() => {
    const fields = userId ? keptInput(pathname, userId) : null;
    if (!fields) return;
    let remaining = fields;
    let restored = 0;
    let tries = 0;
    const timer = window.setInterval(() => {
      tries += 1;
      // While the page still loads its data, the load would overwrite what is put back.
      if (document.querySelector('main .loader') === null) {
        remaining = remaining.filter((field) => {
          const outcome = restoreField(field);
          if (outcome === 'restored') restored += 1;
          return outcome === 'missing';
        });
      }
      // Fields that never appear (a form that changed meanwhile) are given up after 10 s.
      if (remaining.length === 0 || tries >= 50) {
        window.clearInterval(timer);
        forgetKeptInput(pathname);
        if (restored > 0) setRestoredOn(pathname);
      }
    }, 200);
    return () => window.clearInterval(timer);
  }, [pathname, userId]);

  if (restoredOn !== pathname) return null;
  return (
    <Alert variant="info" role="status" title={t('session.inputRestoredTitle')}>
      <p className="kern-body">{t('session.inputRestored')}</p>
    </Alert>
  );
}

/** Guards routes for some roles only; sits below `RequireSession`. */
export function RequireRole({ allow }: { allow(me: Me): boolean }) {
  const { t } = useTranslation();
  const { me } = useSession();
  if (me && allow(me)) return <Outlet />;
  return (
    <Page title={t('forbidden.title')} heading={t('forbidden.heading')}>
      <p className="kern-body">{t('forbidden.body')}</p>
      <p className="kern-body">
        <TextLink to={paths.home}>{t('notFound.homeLink')}</TextLink>
      </p>
    </Page>
  );
}

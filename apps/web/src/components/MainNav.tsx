import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Me } from '../api/identity';
import { paths } from '../paths';
import { useSession } from '../session/SessionContext';
import { canAdministerUsers, hasAnyRole, hasRole, isCarrier } from '../session/roles';
import type { LoginState } from './RequireSession';
import { NavTextLink } from './TextLink';

type NavItem = { to: string; label: string };

function itemsFor(me: Me | null, t: TFunction): NavItem[] {
  const home = { to: paths.home, label: t('nav.home') };
  if (!me) {
    return [
      home,
      { to: paths.login, label: t('nav.login') },
      { to: paths.register, label: t('nav.register') },
    ];
  }
  const items: NavItem[] = [home];
  if (isCarrier(me)) {
    items.push({ to: paths.myApplications, label: t('nav.myApplications') });
    items.push({ to: paths.organisation, label: t('nav.organisation') });
  }
  if (hasRole(me, 'board_member')) items.push({ to: paths.review, label: t('nav.review') });
  if (hasRole(me, 'coordinator')) items.push({ to: paths.calls, label: t('nav.calls') });
  if (hasAnyRole(me, 'coordinator', 'board_member'))
    items.push({ to: paths.sessions, label: t('nav.sessions') });
  if (hasAnyRole(me, 'coordinator', 'finance')) items.push({ to: paths.inbox, label: t('nav.inbox') });
  if (hasAnyRole(me, 'finance', 'admin', 'senate'))
    items.push({ to: paths.finance, label: t('nav.finance') });
  if (hasAnyRole(me, 'coordinator', 'finance', 'board_member', 'admin', 'senate'))
    items.push({ to: paths.areas, label: t('nav.areas') });
  if (hasAnyRole(me, 'coordinator', 'finance', 'admin'))
    items.push({ to: paths.pastProjects, label: t('nav.pastProjects') });
  if (hasRole(me, 'finance')) items.push({ to: paths.callOffs, label: t('nav.callOffs') });
  if (hasAnyRole(me, 'finance', 'admin')) items.push({ to: paths.baseRates, label: t('nav.baseRates') });
  if (canAdministerUsers(me)) {
    items.push({ to: paths.users, label: t('nav.users') });
    items.push({ to: paths.organisations, label: t('nav.organisations') });
  }
  if (hasRole(me, 'admin')) items.push({ to: paths.apiTokens, label: t('nav.apiTokens') });
  if (hasRole(me, 'admin')) items.push({ to: paths.noticeDelivery, label: t('nav.noticeDelivery') });
  items.push({ to: paths.account, label: t('nav.account') });
  return items;
}

/** Main navigation: what a visitor can do, or what the signed-in user's roles open up. */
export function MainNav() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  const me = session.status === 'signedIn' ? session.me : null;
  const items = session.status === 'loading' ? [{ to: paths.home, label: t('nav.home') }] : itemsFor(me, t);

  async function signOut() {
    setSigningOut(true);
    try {
      await session.signOut();
      const state: LoginState = { signedOut: 'here' };
      await navigate(paths.login, { state });
    } catch {
      // The server did not answer; ask it again who is signed in rather than guess.
      session.reload();
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <nav className="main-nav" aria-label={t('nav.mainLabel')}>
      <div className="kern-container">
        <ul className="kern-list kern-list--horizontal main-nav__list">
          {items.map((item) => (
            <li key={item.to}>
              <NavTextLink to={item.to}>{item.label}</NavTextLink>
            </li>
          ))}
          {me && (
            <li className="main-nav__end">
              <button
                type="button"
                className="kern-btn kern-btn--tertiary main-nav__sign-out"
                onClick={() => void signOut()}
                disabled={signingOut}
              >
                <span className="kern-icon kern-icon--logout" aria-hidden="true" />
                <span className="kern-label">{t('nav.signOut')}</span>
              </button>
            </li>
          )}
        </ul>
      </div>
    </nav>
  );
}

import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AdminUser,
  type DistrictRole,
  grantRole,
  listUsers,
  pseudonymiseUser,
  type RoleAssignment,
  revokeRole,
  setUserStatus,
  type UserStatus,
} from '../api/identity';
import { Alert } from '../components/Alert';
import { Badge, type BadgeVariant } from '../components/Badge';
import { Button } from '../components/Button';
import { type Confirmation, ConfirmDialog } from '../components/ConfirmDialog';
import { DescriptionList } from '../components/DescriptionList';
import { describeError } from '../components/form/formErrors';
import { SelectField, type SelectOption } from '../components/form/SelectField';
import { TextField } from '../components/form/TextField';
import { InviteForm } from '../components/InviteForm';
import { Loader } from '../components/Loader';
import { LoadError } from '../components/LoadError';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { useApiData } from '../hooks/useApiData';
import { useMe } from '../session/SessionContext';
import { grantableRoles, hasRole, invitableRoles, manageableDistricts } from '../session/roles';

const pageSize = 50;

const statusBadge: Record<UserStatus, BadgeVariant> = {
  active: 'success',
  invited: 'info',
  disabled: 'warning',
  pseudonymised: 'danger',
  // Registered, e-mail address not yet confirmed: the server lists them too.
  unverified: 'info',
};

/**
 * District names as far as the API tells them; the identity API has no district list of its own,
 * so an id without a known name is shown shortened.
 */
function useDistrictLabels() {
  const { t } = useTranslation();
  const me = useMe();
  return useMemo(() => {
    const names = new Map<string, string>();
    // Only the own roles carry names: the user list answers district ids alone.
    for (const role of me.roles) {
      if (role.districtName) names.set(role.districtId, role.districtName);
    }
    return (districtId: string) =>
      names.get(districtId) ?? t('users.districtWithoutName', { id: districtId.slice(0, 8) });
  }, [me.roles, t]);
}

/** User administration for admins and coordinators, limited to their districts. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const districts = manageableDistricts(me);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState({
    q: '',
    districtId: districts.length > 1 ? '' : (districts[0] ?? ''),
    page: 1,
  });
  const [districtFilter, setDistrictFilter] = useState(search.districtId);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [notice, setNotice] = useState<{ variant: 'success' | 'danger'; text: string } | null>(null);

  const load = useCallback(
    (signal: AbortSignal) =>
      listUsers(
        { q: search.q || undefined, districtId: search.districtId || undefined, page: search.page, pageSize },
        { signal },
      ),
    [search],
  );
  const { state, reload } = useApiData(load);
  const users = state.status === 'loaded' ? state.data.items : [];
  const districtLabel = useDistrictLabels();
  const districtOptions: SelectOption[] = districts.map((id) => ({ value: id, label: districtLabel(id) }));
  const showDistricts = districts.length > 1;

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    setSearch({ q: query.trim(), districtId: districtFilter, page: 1 });
  }

  /** Runs a change, then reloads the list and says what happened. */
  async function run(action: () => Promise<unknown>, success: string) {
    await action();
    setNotice({ variant: 'success', text: success });
    reload();
  }

  const roleOptionsFor = useCallback(
    (districtId: string) =>
      invitableRoles(me, districtId).map((role) => ({ value: role, label: t(`roles.${role}`) })),
    [me, t],
  );

  return (
    <Page title={t('users.title')} heading={t('users.heading')}>
      <p className="kern-body">{t(hasRole(me, 'admin') ? 'users.introAdmin' : 'users.introCoordinator')}</p>

      <section className="page__section" aria-labelledby="personen">
        <h2 className="kern-heading-medium" id="personen" tabIndex={-1}>
          {t('users.listHeading')}
        </h2>
        <form className="search-form" role="search" onSubmit={submitSearch}>
          <TextField
            id="user-search"
            label={t('users.search')}
            hint={t('users.searchHint')}
            type="search"
            autoComplete="off"
            value={query}
            onChange={setQuery}
          />
          {showDistricts && (
            <SelectField
              id="user-district-filter"
              label={t('users.districtFilter')}
              value={districtFilter}
              options={[{ value: '', label: t('users.allDistricts') }, ...districtOptions]}
              onChange={setDistrictFilter}
            />
          )}
          <div className="search-form__submit">
            <Button type="submit" variant="secondary" icon="search" label={t('users.searchSubmit')} />
          </div>
        </form>

        <div aria-live="polite" className="page__block">
          {notice && <Alert variant={notice.variant} title={notice.text} />}
        </div>

        {state.status === 'loading' && <Loader label={t('users.loading')} />}
        {state.status === 'failed' && (
          <LoadError title={t('users.loadFailed')} error={state.error} onRetry={reload} />
        )}
        {state.status === 'loaded' && (
          <>
            <p className="kern-body" role="status">
              {search.q
                ? t('users.countFor', { count: state.data.total, q: search.q })
                : t('users.count', { count: state.data.total })}
            </p>
            <div className="user-list">
              {users.map((user) => (
                <UserItem
                  key={user.id}
                  user={user}
                  districtLabel={districtLabel}
                  showDistricts={showDistricts}
                  onConfirm={setConfirmation}
                  run={run}
                  onError={(error) => setNotice({ variant: 'danger', text: describeError(error, t) })}
                />
              ))}
            </div>
            <Pager
              page={search.page}
              pages={Math.max(1, Math.ceil(state.data.total / pageSize))}
              label={t('users.pagesLabel')}
              onPage={(page) => setSearch((previous) => ({ ...previous, page }))}
            />
          </>
        )}
      </section>

      <section className="page__section" aria-labelledby="einladen">
        <h2 className="kern-heading-medium" id="einladen">
          {t('users.inviteHeading')}
        </h2>
        <p className="kern-body">{t('users.inviteIntro')}</p>
        <InviteForm
          idPrefix="invite"
          roleOptionsFor={roleOptionsFor}
          districtOptions={districtOptions}
          submitLabel={t('users.inviteSubmit')}
          toRequest={(values) => ({
            email: values.email,
            displayName: values.displayName,
            language: values.language,
            role: values.role as DistrictRole,
            districtId: values.districtId,
          })}
          onInvited={reload}
        />
      </section>

      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </Page>
  );
}

type UserItemProps = {
  user: AdminUser;
  districtLabel(districtId: string): string;
  showDistricts: boolean;
  onConfirm(confirmation: Confirmation): void;
  run(action: () => Promise<unknown>, success: string): Promise<void>;
  onError(error: unknown): void;
};

function UserItem({ user, districtLabel, showDistricts, onConfirm, run, onError }: UserItemProps) {
  const { t } = useTranslation();
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  const isSelf = user.id === me.id;
  const active = user.status !== 'pseudonymised';
  // The button that opened a confirmation is gone after the change (it swaps, or the row leaves).
  const summary = () => document.getElementById(`person-${user.id}`);
  const listHeading = () => document.getElementById('personen');
  const roleName = (role: RoleAssignment) =>
    showDistricts
      ? t('users.roleInDistrict', { role: t(`roles.${role.role}`), district: districtLabel(role.districtId) })
      : t(`roles.${role.role}`);

  return (
    <details className="kern-accordion">
      <summary className="kern-accordion__header user-list__summary" id={`person-${user.id}`}>
        <span className="kern-title">{user.displayName}</span>
        <span className="kern-body kern-body--muted user-list__email">{user.email}</span>
        <Badge variant={statusBadge[user.status]} label={t(`users.status.${user.status}`)} />
      </summary>
      <div className="kern-accordion__body user-list__body">
        <DescriptionList
          items={[
            { key: 'email', term: t('login.email'), value: user.email },
            { key: 'status', term: t('users.statusLabel'), value: t(`users.status.${user.status}`) },
            {
              key: 'organisations',
              term: t('users.organisations'),
              value:
                user.organisations.length === 0
                  ? t('users.noOrganisation')
                  : user.organisations.map((o) => o.name ?? t('roles.carrier')).join(', '),
            },
          ]}
        />

        <h3 className="kern-heading-small">{t('users.rolesHeading')}</h3>
        {user.roles.length === 0 ? (
          <p className="kern-body">{t('users.noRoles')}</p>
        ) : (
          <ul className="kern-list role-list">
            {user.roles.map((role) => (
              <li key={`${role.role}-${role.districtId}`} className="role-list__item">
                <span className="kern-body">{roleName(role)}</span>
                {active && grantableRoles(me, role.districtId).includes(role.role) && (
                  <button
                    type="button"
                    className="kern-btn kern-btn--tertiary kern-btn--x-small"
                    onClick={() =>
                      onConfirm({
                        title: t('users.revokeTitle'),
                        body: t('users.revokeBody', { role: roleName(role), name: user.displayName }),
                        confirmLabel: t('users.revokeConfirm'),
                        // Without its last role here the person may leave the list.
                        returnFocus: listHeading,
                        action: () =>
                          run(
                            () => revokeRole(user.id, role.role, role.districtId),
                            t('users.revoked', { role: roleName(role), name: user.displayName }),
                          ),
                      })
                    }
                  >
                    <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                    <span className="kern-label">
                      {t('users.revoke')}
                      <span className="visually-hidden">: {roleName(role)}</span>
                    </span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}

        {active && (
          <GrantRoleForm
            user={user}
            districtLabel={districtLabel}
            showDistricts={showDistricts}
            run={run}
            onError={onError}
          />
        )}

        {isAdmin && active && !isSelf && (
          <>
            <h3 className="kern-heading-small">{t('users.accountHeading')}</h3>
            <div className="page__actions">
              {user.status === 'disabled' ? (
                <Button
                  variant="secondary"
                  label={t('users.enable')}
                  onClick={() =>
                    onConfirm({
                      title: t('users.enableTitle', { name: user.displayName }),
                      body: t('users.enableBody'),
                      confirmLabel: t('users.enable'),
                      returnFocus: summary,
                      action: () =>
                        run(
                          () => setUserStatus(user.id, 'active'),
                          t('users.enabled', { name: user.displayName }),
                        ),
                    })
                  }
                />
              ) : (
                <Button
                  variant="secondary"
                  label={t('users.disable')}
                  onClick={() =>
                    onConfirm({
                      title: t('users.disableTitle', { name: user.displayName }),
                      body: t('users.disableBody'),
                      confirmLabel: t('users.disable'),
                      returnFocus: summary,
                      action: () =>
                        run(
                          () => setUserStatus(user.id, 'disabled'),
                          t('users.disabled', { name: user.displayName }),
                        ),
                    })
                  }
                />
              )}
              <Button
                variant="secondary"
                icon="delete"
                label={t('users.pseudonymise')}
                onClick={() =>
                  onConfirm({
                    title: t('users.pseudonymiseTitle', { name: user.displayName }),
                    body: t('users.pseudonymiseBody'),
                    confirmLabel: t('users.pseudonymise'),
                    returnFocus: listHeading,
                    action: () =>
                      run(
                        () => pseudonymiseUser(user.id),
                        t('users.pseudonymised', { name: user.displayName }),
                      ),
                  })
                }
              />
            </div>
          </>
        )}
      </div>
    </details>
  );
}

function GrantRoleForm({
  user,
  districtLabel,
  showDistricts,
  run,
  onError,
}: {
  user: AdminUser;
  districtLabel(districtId: string): string;
  showDistricts: boolean;
  run(action: () => Promise<unknown>, success: string): Promise<void>;
  onError(error: unknown): void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const districts = manageableDistricts(me);
  const [districtId, setDistrictId] = useState(districts[0] ?? '');
  const offered = grantableRoles(me, districtId).filter(
    (role) => !user.roles.some((held) => held.role === role && held.districtId === districtId),
  );
  const [chosen, setChosen] = useState<string>('');
  const role = offered.find((r) => r === chosen) ?? offered[0];
  const [busy, setBusy] = useState(false);

  if (districts.length === 0) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!role) return;
    setBusy(true);
    try {
      const label = showDistricts
        ? t('users.roleInDistrict', { role: t(`roles.${role}`), district: districtLabel(districtId) })
        : t(`roles.${role}`);
      await run(
        () => grantRole(user.id, role, districtId),
        t('users.granted', { role: label, name: user.displayName }),
      );
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="grant-form" onSubmit={(event) => void submit(event)}>
      <h3 className="kern-heading-small">{t('users.grantHeading')}</h3>
      {offered.length === 0 && !showDistricts ? (
        <p className="kern-body">{t('users.nothingToGrant')}</p>
      ) : (
        <div className="grant-form__fields">
          {showDistricts && (
            <SelectField
              id={`grant-district-${user.id}`}
              label={t('invite.district')}
              value={districtId}
              options={districts.map((id) => ({ value: id, label: districtLabel(id) }))}
              onChange={setDistrictId}
            />
          )}
          {offered.length > 0 ? (
            <>
              <SelectField
                id={`grant-role-${user.id}`}
                label={t('invite.role')}
                value={role ?? ''}
                options={offered.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                onChange={setChosen}
              />
              <div className="grant-form__submit">
                <Button
                  type="submit"
                  variant="secondary"
                  icon="add"
                  label={t('users.grant')}
                  disabled={busy}
                />
              </div>
            </>
          ) : (
            <p className="kern-body">{t('users.nothingToGrant')}</p>
          )}
        </div>
      )}
    </form>
  );
}

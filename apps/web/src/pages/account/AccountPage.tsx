import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { personalDataExportUrl } from '../../api/identity';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { describeError } from '../../components/form/formErrors';
import type { LoginState } from '../../components/RequireSession';
import { Page } from '../../components/Page';
import { paths } from '../../paths';
import { useSession } from '../../session/SessionContext';
import { ApiTokensSection } from './ApiTokensSection';
import { NotificationSettingsSection } from './NotificationSettingsSection';
import { ProfileSection } from './ProfileSection';

/** The signed-in user's own account: profile, reminders by e-mail, API tokens, sessions, data. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('account.title')} heading={t('account.heading')}>
      <ProfileSection />
      <NotificationSettingsSection />
      <ApiTokensSection />
      <SessionsSection />
      <section className="page__section" aria-labelledby="meine-daten">
        <h2 className="kern-heading-medium" id="meine-daten">
          {t('account.dataHeading')}
        </h2>
        <p className="kern-body">{t('account.dataIntro')}</p>
        <p className="kern-body">
          <a className="kern-link" href={personalDataExportUrl} download>
            <span className="kern-icon kern-icon--download" aria-hidden="true" />
            {t('account.dataDownload')}
          </a>
        </p>
      </section>
    </Page>
  );
}

function SessionsSection() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOutEverywhere() {
    setBusy(true);
    setError(null);
    try {
      await session.signOutEverywhere();
      const state: LoginState = { signedOut: 'everywhere' };
      await navigate(paths.login, { state });
    } catch (failure) {
      setError(describeError(failure, t));
      setBusy(false);
    }
  }

  return (
    <section className="page__section" aria-labelledby="sitzungen">
      <h2 className="kern-heading-medium" id="sitzungen">
        {t('account.sessionsHeading')}
      </h2>
      <p className="kern-body">{t('account.sessionsIntro')}</p>
      <div className="page__actions">
        <Button
          variant="secondary"
          icon="logout"
          label={t('account.signOutEverywhere')}
          onClick={() => void signOutEverywhere()}
          disabled={busy}
        />
      </div>
      {error && (
        <Alert variant="danger" title={t('account.signOutEverywhereFailed')} role="alert">
          <p className="kern-body">{error}</p>
        </Alert>
      )}
    </section>
  );
}

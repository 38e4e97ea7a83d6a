import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import {
  getNotificationSettings,
  type NotificationSetting,
  putNotificationSettings,
} from '../../api/identity';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/form/CheckboxField';
import { describeError } from '../../components/form/formErrors';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { useApiData } from '../../hooks/useApiData';
import de from '../../i18n/de.json';
import { notificationSettingsAnchor } from '../../paths';

type ReminderKind = keyof typeof de.reminderKinds;

function isKnownKind(kind: string): kind is ReminderKind {
  return Object.hasOwn(de.reminderKinds, kind);
}

/** Per reminder kind: also by e-mail or not. In-app notifications always arrive. */
export function NotificationSettingsSection() {
  const { t } = useTranslation();
  const location = useLocation();
  const load = useCallback((signal: AbortSignal) => getNotificationSettings({ signal }), []);
  const { state, reload, replace } = useApiData(load);
  const [draft, setDraft] = useState<NotificationSetting[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'saved' } | { kind: 'failed'; message: string } | null>(
    null,
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = state.status === 'loaded';

  // Mails link to the settings; once they are on screen, bring them into view.
  useEffect(() => {
    if (loaded && location.hash === `#${notificationSettingsAnchor}`) {
      heading.current?.scrollIntoView();
      heading.current?.focus();
    }
  }, [loaded, location.hash]);

  const settings = draft ?? (state.status === 'loaded' ? state.data : []);

  function toggle(kind: string, email: boolean) {
    setOutcome(null);
    setDraft(settings.map((setting) => (setting.kind === kind ? { ...setting, email } : setting)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setOutcome(null);
    try {
      const saved = await putNotificationSettings(settings);
      replace(Array.isArray(saved) ? saved : settings);
      setDraft(null);
      setOutcome({ kind: 'saved' });
    } catch (error) {
      setOutcome({ kind: 'failed', message: describeError(error, t) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="page__section" aria-labelledby={notificationSettingsAnchor}>
      <h2 className="kern-heading-medium" id={notificationSettingsAnchor} ref={heading} tabIndex={-1}>
        {t('account.notificationsHeading')}
      </h2>
      <p className="kern-body">{t('account.notificationsIntro')}</p>
      {state.status === 'loading' && <Loader label={t('account.notificationsLoading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('account.notificationsLoadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && (
        <form className="form" noValidate onSubmit={(event) => void submit(event)}>
          <fieldset className="kern-fieldset" aria-describedby="benachrichtigungen-hinweis">
            <legend className="kern-label">{t('account.notificationsLegend')}</legend>
            <div className="kern-hint" id="benachrichtigungen-hinweis">
              {t('account.notificationsHint')}
            </div>
            <div className="kern-fieldset__body">
              {settings.map((setting) => (
                <CheckboxField
                  key={setting.kind}
                  id={`notification-email-${setting.kind}`}
                  label={isKnownKind(setting.kind) ? t(`reminderKinds.${setting.kind}`) : setting.kind}
                  checked={setting.email}
                  onChange={(email) => toggle(setting.kind, email)}
                />
              ))}
            </div>
          </fieldset>
          <div className="page__actions">
            <Button type="submit" icon="check" label={t('account.saveNotifications')} disabled={saving} />
          </div>
          <div aria-live="polite">
            {outcome?.kind === 'saved' && <Alert variant="success" title={t('account.notificationsSaved')} />}
            {outcome?.kind === 'failed' && (
              <Alert variant="danger" title={t('account.notificationsSaveFailed')}>
                <p className="kern-body">{outcome.message}</p>
              </Alert>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

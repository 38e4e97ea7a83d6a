import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { getInvitation, type InvitationPreview } from '../api/identity';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { DescriptionList, type DescriptionItem } from '../components/DescriptionList';
import { ErrorSummary } from '../components/form/ErrorSummary';
import { describeError } from '../components/form/formErrors';
import { NewPasswordFields } from '../components/form/NewPasswordFields';
import { TextField } from '../components/form/TextField';
import { newPasswordProblems } from '../components/form/passwordChecks';
import { useFormErrors } from '../components/form/useFormErrors';
import { Loader } from '../components/Loader';
import { Page } from '../components/Page';
import { TextLink } from '../components/TextLink';
import { currentLanguage } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { paths } from '../paths';
import { useSession } from '../session/SessionContext';

/** Router state for the start page after accepting: greets the new user. */
export type WelcomeState = { welcome?: boolean };

type Loaded =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; invitation: InvitationPreview };

export function InvitationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [loaded, setLoaded] = useState<{ token: string; state: Loaded } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    getInvitation(token, { signal: controller.signal }).then(
      (invitation) => setLoaded({ token, state: { kind: 'ready', invitation } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const state: Loaded =
          isApiError(error) && (error.status === 410 || error.status === 404)
            ? { kind: 'invalid' }
            : { kind: 'failed', message: describeError(error, t) };
        setLoaded({ token, state });
      },
    );
    return () => controller.abort();
  }, [token, attempt, t]);

  const state: Loaded = !token
    ? { kind: 'invalid' }
    : loaded?.token === token
      ? loaded.state
      : { kind: 'loading' };

  return (
    <Page title={t('invitation.title')} heading={t('invitation.heading')}>
      {state.kind === 'loading' && <Loader label={t('invitation.loading')} />}
      {state.kind === 'invalid' && <InvalidLink />}
      {state.kind === 'failed' && (
        <>
          <Alert variant="danger" title={t('invitation.loadFailed')}>
            <p className="kern-body">{state.message}</p>
          </Alert>
          <div className="page__actions">
            <Button
              variant="secondary"
              icon="autorenew"
              label={t('health.retry')}
              onClick={() => {
                setLoaded(null);
                setAttempt((n) => n + 1);
              }}
            />
          </div>
        </>
      )}
      {state.kind === 'ready' && (
        <AcceptForm
          token={token}
          invitation={state.invitation}
          onInvalid={() => setLoaded({ token, state: { kind: 'invalid' } })}
        />
      )}
    </Page>
  );
}

function InvalidLink() {
  const { t } = useTranslation();
  return (
    <>
      <Alert variant="warning" title={t('invitation.invalidTitle')}>
        <p className="kern-body">{t('invitation.invalidBody')}</p>
      </Alert>
      <p className="kern-body">
        <TextLink to={paths.login}>{t('invitation.toLogin')}</TextLink>
      </p>
    </>
  );
}

function AcceptForm({
  token,
  invitation,
  onInvalid,
}: {
  token: string;
  invitation: InvitationPreview;
  onInvalid(): void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const existing = invitation.accountExists === true;
  const fields = useMemo(
    () => ({
      password: {
        id: 'invitation-password',
        label: t(existing ? 'invitation.currentPassword' : 'password.new'),
      },
      confirmation: { id: 'invitation-password-confirmation', label: t('password.repeat') },
    }),
    [existing, t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const language = currentLanguage();

  const facts: DescriptionItem[] = [
    { key: 'name', term: t('invitation.name'), value: invitation.displayName },
    { key: 'email', term: t('invitation.email'), value: invitation.email },
    { key: 'role', term: t('invitation.role'), value: t(`roles.${invitation.role}`) },
  ];
  if (invitation.organisationName) {
    facts.push({
      key: 'organisation',
      term: t('invitation.organisation'),
      value: invitation.organisationName,
    });
  }
  if (invitation.districtName) {
    facts.push({ key: 'district', term: t('invitation.district'), value: invitation.districtName });
  }
  facts.push({
    key: 'expires',
    term: t('invitation.expiresAt'),
    value: formatDateTime(invitation.expiresAt, language),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (existing) {
      if (!password) return form.showFieldErrors({ password: (tr) => tr('login.passwordMissing') });
    } else {
      const problems = newPasswordProblems(password, confirmation, t);
      if (problems.password || problems.confirmation)
        return form.showFieldErrors((tr) => newPasswordProblems(password, confirmation, tr));
    }
    setSubmitting(true);
    try {
      await session.acceptInvitation(token, password);
      const state: WelcomeState = { welcome: true };
      await navigate(paths.home, { replace: true, state });
    } catch (error) {
      setSubmitting(false);
      if (isApiError(error) && error.status === 410) onInvalid();
      else form.showApiError(error);
    }
  }

  return (
    <>
      <p className="kern-body">{t('invitation.intro')}</p>
      <section className="page__section" aria-labelledby="einladung-details">
        <h2 className="kern-heading-medium" id="einladung-details">
          {t('invitation.detailsHeading')}
        </h2>
        <DescriptionList items={facts} />
      </section>
      <section className="page__section" aria-labelledby="einladung-passwort">
        <h2 className="kern-heading-medium" id="einladung-passwort">
          {t(existing ? 'invitation.confirmHeading' : 'invitation.passwordHeading')}
        </h2>
        {existing && (
          <p className="kern-body">{t('invitation.accountExists', { email: invitation.email })}</p>
        )}
        <ErrorSummary {...form.summaryProps} />
        <form className="form" noValidate onSubmit={(event) => void submit(event)}>
          {/* Lets password managers store the new password under the right account. */}
          <input type="hidden" name="username" autoComplete="username" value={invitation.email} readOnly />
          {existing ? (
            <TextField
              id={fields.password.id}
              label={t('invitation.currentPassword')}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              error={form.fieldError('password')}
            />
          ) : (
            <NewPasswordFields
              ids={{ password: fields.password.id, confirmation: fields.confirmation.id }}
              password={password}
              confirmation={confirmation}
              onPassword={setPassword}
              onConfirmation={setConfirmation}
              errors={{
                password: form.fieldError('password'),
                confirmation: form.fieldError('confirmation'),
              }}
            />
          )}
          <div className="page__actions">
            <Button type="submit" icon="check" label={t('invitation.submit')} disabled={submitting} />
          </div>
        </form>
        {existing && (
          <p className="kern-body">
            <TextLink to={paths.forgotPassword}>{t('login.forgotPassword')}</TextLink>
          </p>
        )}
      </section>
    </>
  );
}

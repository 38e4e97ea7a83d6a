import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AppRole,
  createInvitation,
  type InvitationCreated,
  type InvitationRequest,
} from '../api/identity';
import { currentLanguage, isLanguage, type Language } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { Alert } from './Alert';
import { Button } from './Button';
import { ErrorSummary } from './form/ErrorSummary';
import { useLanguageOptions } from './form/languageOptions';
import { SelectField, type SelectOption } from './form/SelectField';
import { TextField } from './form/TextField';
import { useFormErrors } from './form/useFormErrors';
import type { Message } from './form/formErrors';

export type InviteValues = {
  displayName: string;
  email: string;
  language: Language;
  role: string;
  districtId: string;
};

type InviteFormProps = {
  idPrefix: string;
  /** Roles to choose from in a district; with a single one the role is fixed and not asked. */
  roleOptionsFor(districtId: string): SelectOption[];
  /** Districts to choose from; with a single one it is fixed and not asked. */
  districtOptions?: SelectOption[];
  submitLabel: string;
  toRequest(values: InviteValues): InvitationRequest;
  onInvited?(invitation: InvitationCreated): void;
};

/** Invites a person by e-mail (`POST /api/invitations`); the mail holds a link valid for 7 days. */
export function InviteForm({
  idPrefix,
  roleOptionsFor,
  districtOptions = [],
  submitLabel,
  toRequest,
  onInvited,
}: InviteFormProps) {
  const { t } = useTranslation();
  const languageOptions = useLanguageOptions();
  const initial: InviteValues = {
    displayName: '',
    email: '',
    language: currentLanguage(),
    role: '',
    districtId: districtOptions[0]?.value ?? '',
  };
  const [values, setValues] = useState<InviteValues>(initial);
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState<InvitationCreated | null>(null);
  const fields = useMemo(
    () => ({
      displayName: { id: `${idPrefix}-displayName`, label: t('invite.displayName') },
      email: { id: `${idPrefix}-email`, label: t('invite.email') },
      language: { id: `${idPrefix}-language`, label: t('invite.language') },
      role: { id: `${idPrefix}-role`, label: t('invite.role') },
      districtId: { id: `${idPrefix}-district`, label: t('invite.district') },
    }),
    [idPrefix, t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const set = (key: keyof InviteValues) => (value: string) => {
    setSent(null);
    setValues((previous) => ({ ...previous, [key]: value }));
  };
  const roleOptions = roleOptionsFor(values.districtId);
  // After choosing another district the chosen role may no longer be offered.
  const role = roleOptions.some((option) => option.value === values.role)
    ? values.role
    : (roleOptions[0]?.value ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Partial<Record<keyof typeof fields, Message>> = {};
    if (!values.displayName.trim()) problems.displayName = (tr) => tr('invite.displayNameMissing');
    if (!values.email.trim().includes('@')) problems.email = (tr) => tr('login.emailInvalid');
    if (Object.values(problems).some(Boolean)) return form.showFieldErrors(problems);
    setSubmitting(true);
    try {
      const invitation = await createInvitation(
        toRequest({ ...values, role, displayName: values.displayName.trim(), email: values.email.trim() }),
      );
      form.clear();
      setSent(invitation);
      setValues({ ...initial, role, districtId: values.districtId });
      onInvited?.(invitation);
    } catch (error) {
      form.showApiError(error, {
        role_not_grantable: 'role',
        role_already_held: 'email',
        account_unavailable: 'email',
      });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <>
      <ErrorSummary {...form.summaryProps} />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={fields.displayName.id}
          label={fields.displayName.label}
          autoComplete="off"
          value={values.displayName}
          onChange={set('displayName')}
          error={form.fieldError('displayName')}
        />
        <TextField
          id={fields.email.id}
          label={fields.email.label}
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={values.email}
          onChange={set('email')}
          error={form.fieldError('email')}
        />
        <SelectField
          id={fields.language.id}
          label={fields.language.label}
          hint={t('invite.languageHint')}
          value={values.language}
          options={languageOptions}
          onChange={(value) => {
            if (isLanguage(value)) set('language')(value);
          }}
          error={form.fieldError('language')}
        />
        {roleOptions.length > 1 && (
          <SelectField
            id={fields.role.id}
            label={fields.role.label}
            value={role}
            options={roleOptions}
            onChange={set('role')}
            error={form.fieldError('role')}
          />
        )}
        {districtOptions.length > 1 && (
          <SelectField
            id={fields.districtId.id}
            label={fields.districtId.label}
            value={values.districtId}
            options={districtOptions}
            onChange={set('districtId')}
            error={form.fieldError('districtId')}
          />
        )}
        <div className="page__actions">
          <Button type="submit" icon="mail" label={submitLabel} disabled={submitting} />
        </div>
        <div aria-live="polite">
          {sent && (
            <Alert variant="success" title={t('invite.sentTitle')}>
              <p className="kern-body">
                {t('invite.sentBody', {
                  email: sent.email,
                  expiresAt: formatDateTime(sent.expiresAt, currentLanguage()),
                })}
              </p>
            </Alert>
          )}
        </div>
      </form>
    </>
  );
}

/** Role options in a fixed order, labelled for people. */
export function useRoleOptions(roles: readonly AppRole[]): SelectOption[] {
  const { t } = useTranslation();
  return roles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

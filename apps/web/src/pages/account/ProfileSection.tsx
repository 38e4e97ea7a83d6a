import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMe } from '../../api/identity';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DescriptionList } from '../../components/DescriptionList';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { useLanguageOptions } from '../../components/form/languageOptions';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { isLanguage, type Language, setLanguage } from '../../i18n';
import { useMe, useSession } from '../../session/SessionContext';

/** Name and language (`PATCH /api/me`); the language also switches the interface. */
export function ProfileSection() {
  const { t } = useTranslation();
  const me = useMe();
  const session = useSession();
  const languageOptions = useLanguageOptions();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [language, setLanguageValue] = useState<Language>(me.language);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const fields = useMemo(
    () => ({
      displayName: { id: 'profile-displayName', label: t('account.displayName') },
      language: { id: 'profile-language', label: t('account.language') },
    }),
    [t],
  );
  const form = useFormErrors(fields, undefined, 3);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!displayName.trim())
      return form.showFieldErrors({ displayName: (tr) => tr('account.displayNameMissing') });
    setSaving(true);
    try {
      const updated = await updateMe({ displayName: displayName.trim(), language });
      session.updateMe({ ...me, ...updated });
      form.clear();
      setSaved(true);
      await setLanguage(language);
    } catch (error) {
      form.showApiError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="page__section" aria-labelledby="profil">
      <h2 className="kern-heading-medium" id="profil">
        {t('account.profileHeading')}
      </h2>
      <DescriptionList items={[{ key: 'email', term: t('login.email'), value: me.email }]} />
      <ErrorSummary {...form.summaryProps} />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={fields.displayName.id}
          label={fields.displayName.label}
          hint={t('account.displayNameHint')}
          autoComplete="name"
          value={displayName}
          onChange={(value) => {
            setDisplayName(value);
            setSaved(false);
          }}
          error={form.fieldError('displayName')}
        />
        <SelectField
          id={fields.language.id}
          label={fields.language.label}
          hint={t('account.languageHint')}
          value={language}
          options={languageOptions}
          onChange={(value) => {
            if (isLanguage(value)) setLanguageValue(value);
            setSaved(false);
          }}
          error={form.fieldError('language')}
        />
        <div className="page__actions">
          <Button type="submit" icon="check" label={t('account.saveProfile')} disabled={saving} />
        </div>
        <div aria-live="polite">{saved && <Alert variant="success" title={t('account.profileSaved')} />}</div>
      </form>
    </section>
  );
}

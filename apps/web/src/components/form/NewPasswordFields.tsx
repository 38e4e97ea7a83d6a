import { useTranslation } from 'react-i18next';
import { passwordMinLength } from './passwordChecks';
import { TextField } from './TextField';

type NewPasswordFieldsProps = {
  ids: { password: string; confirmation: string };
  password: string;
  confirmation: string;
  onPassword(value: string): void;
  onConfirmation(value: string): void;
  errors: { password?: string; confirmation?: string };
};

/** "New password" twice, with the rules as hint; shared by reset, invitation and registration. */
export function NewPasswordFields({
  ids,
  password,
  confirmation,
  onPassword,
  onConfirmation,
  errors,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        id={ids.password}
        label={t('password.new')}
        hint={t('password.hint', { min: passwordMinLength })}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={onPassword}
        error={errors.password}
      />
      <TextField
        id={ids.confirmation}
        label={t('password.repeat')}
        type="password"
        autoComplete="new-password"
        value={confirmation}
        onChange={onConfirmation}
        error={errors.confirmation}
      />
    </>
  );
}

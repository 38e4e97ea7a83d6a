import { useTranslation } from 'react-i18next';
import type { SelectOption } from './SelectField';
import { supportedLanguages } from '../../i18n';

/** Each language named in itself ("Deutsch", "English"), marked with its `lang`. */
export function useLanguageOptions(): SelectOption[] {
  const { t } = useTranslation();
  return supportedLanguages.map((language) => ({
    value: language,
    label: t(`languages.${language}`),
    lang: language,
  }));
}

import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../i18n';

const otherLanguage: Record<Language, Language> = { de: 'en', en: 'de' };

/**
 * Offers the other language, named in that language ("English" / "Deutsch"), with a matching
 * `lang` attribute so screen readers pronounce it correctly.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const target = otherLanguage[currentLanguage()];
  return (
    <button
      type="button"
      className="kern-btn kern-btn--tertiary language-switch"
      lang={target}
      onClick={() => void setLanguage(target)}
    >
      <span className="kern-icon kern-icon--language" aria-hidden="true" />
      <span className="kern-label">{t('language.switchLabel')}</span>
    </button>
  );
}

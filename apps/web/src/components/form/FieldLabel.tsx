import { useTranslation } from 'react-i18next';

/** Label text with KERN's marker for optional fields; required fields carry no marker. */
export function LabelText({ label, optional }: { label: string; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {label}
      {optional && <span className="kern-label__optional"> {t('forms.optional')}</span>}
    </>
  );
}

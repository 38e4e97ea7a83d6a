import { currentLanguage } from '../../i18n';

/** A review score (hundredths of a percent, 10 000 = full marks) as "70 %" or "66,67 %". */
export function scoreText(score: number | null): string {
  if (score === null) return '–';
  const language = currentLanguage();
  return `${(score / 100).toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 })} %`;
}

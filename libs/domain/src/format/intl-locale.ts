import type { Locale } from '../errors/messages';

/**
 * The Intl locale behind each app locale. English uses en-GB: day-month-year dates and a
 * 24-hour clock read naturally next to the German originals, which en-US would not.
 */
export const INTL_LOCALES: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

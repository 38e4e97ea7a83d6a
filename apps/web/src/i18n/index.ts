import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
// Only the sections the shell and the home page use come with the first load (shell-sections.ts);
// the rest follows with the first other page (`ensureMessages`).
import germanShell from 'virtual:kiezfonds/german-shell-messages';
import type { ShellMessageSection } from './shell-sections';

export const supportedLanguages = ['de', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];
export const defaultLanguage: Language = 'de';

/** German is the source; every other message file must have exactly its keys. */
export type Messages = typeof import('./de.json');
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time check: fails `tsc` as soon as a key is missing or superfluous in en.json.
const messageFilesMatch: SameKeys<Messages, typeof import('./en.json')> = true;
void messageFilesMatch;

const shellMessages = germanShell as Pick<Messages, ShellMessageSection>;

/**
 * The German shell ships with the app; all of German and every other language are chunks of their
 * own, fetched when needed, so the first load does not carry the messages of pages a user may
 * never open (issue 18: first load ≤ 120 kB).
 */
const allMessages: Record<Language, () => Promise<Messages>> = {
  de: () => import('./de.json').then((file) => file.default),
  en: () => import('./en.json').then((file) => file.default),
};
const complete = new Set<Language>();

async function loadMessages(language: Language): Promise<void> {
  if (complete.has(language)) return;
  const messages = await allMessages[language]();
  i18n.addResourceBundle(language, 'translation', messages, true, true);
  complete.add(language);
}

/** Every message of the active language (and of German, the fallback): lazy pages wait for it. */
export async function ensureMessages(): Promise<void> {
  await Promise.all([loadMessages(defaultLanguage), loadMessages(currentLanguage())]);
}

const storageKey = 'kiezfonds.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

/** The active language, narrowed to the ones the app ships. */
export function currentLanguage(): Language {
  const active = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(active) ? active : defaultLanguage;
}

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return isLanguage(stored) ? stored : defaultLanguage;
  } catch {
    // Storage can be disabled (privacy settings, embedded views); German is the safe default.
    return defaultLanguage;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Without storage the choice lasts for this page view only, which is acceptable.
  }
}

function applyDocumentLanguage(language: Language): void {
  // Screen readers pick pronunciation from <html lang>; it must follow the UI language.
  document.documentElement.lang = language;
}

/** Switches the UI language, remembers the choice and updates `<html lang>`. */
export async function setLanguage(language: Language): Promise<void> {
  // Only an explicit choice is stored, so a first visit does not pin the default language.
  storeLanguage(language);
  await loadMessages(language);
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language: string) => {
  if (isLanguage(language)) applyDocumentLanguage(language);
});

const initialLanguage = readStoredLanguage();
applyDocumentLanguage(defaultLanguage);

void i18n.use(initReactI18next).init({
  resources: { de: { translation: shellMessages } },
  lng: defaultLanguage,
  fallbackLng: defaultLanguage,
  supportedLngs: supportedLanguages,
  // React escapes everything it renders; escaping here as well would show entities such as &quot;.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

// A stored other language follows as soon as its messages have arrived (one round trip).
if (initialLanguage !== defaultLanguage) {
  void loadMessages(initialLanguage).then(() => i18n.changeLanguage(initialLanguage));
}

export { i18n };

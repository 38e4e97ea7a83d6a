/**
 * The sections of the message files that the shell (layout, navigation, session, errors) and the
 * home page use: only these come with the first load; the rest arrives with the first other page
 * (`ensureMessages`). A section missing here shows its keys on the home page until then, which
 * the browser tests of the home page would see.
 */
export const SHELL_MESSAGE_SECTIONS = [
  'app',
  'bell',
  'common',
  'error',
  'errors',
  'footer',
  'forbidden',
  'health',
  'home',
  'language',
  'nav',
  'notFound',
  'roles',
  'session',
] as const;

export type ShellMessageSection = (typeof SHELL_MESSAGE_SECTIONS)[number];

/** The module id under which the build serves the German shell messages (see vite.config.ts). */
export const GERMAN_SHELL_MODULE = 'virtual:kiezfonds/german-shell-messages';

import type { TFunction } from 'i18next';

/** The server's minimum (libs/identity password policy); checked here too for a quick answer. */
export const passwordMinLength = 12;

/** Client-side checks of a new password and its repetition; the server still has the last word. */
export function newPasswordProblems(
  password: string,
  confirmation: string,
  t: TFunction,
): { password?: string; confirmation?: string } {
  if (!password) return { password: t('password.missing') };
  if (password.length < passwordMinLength)
    return { password: t('password.tooShort', { min: passwordMinLength }) };
  if (confirmation !== password) return { confirmation: t('password.mismatch') };
  return {};
}

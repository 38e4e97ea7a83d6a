/*
 * When the server ends a session while a form is open (idle timeout, signed out elsewhere), the
 * request that found out failed, and the app moves to the sign-in page: whatever the user typed
 * since the last save would be gone. The form fields on the page are kept in this tab's
 * sessionStorage under the page's path and put back after signing in, where the user checks and
 * saves them, but only for the person whose session ended. Passwords and files are never kept,
 * nor read-only fields: nobody typed them, and one of them shows a new API token its one time
 * (TRUST.md: a one-time secret exists in plain text only in the answer that creates it), which
 * sessionStorage would keep for as long as the tab lives. A field marked as a password or one-time
 * code for the browser (`autocomplete`) is skipped too, whatever its type while shown.
 */

const prefix = 'kiezfonds.unsaved:';
const skipped = new Set(['password', 'file', 'hidden', 'submit', 'button', 'reset', 'image']);

type KeptField = { id: string; value?: string; checked?: true };
type Kept = { userId: string; fields: KeptField[] };

function keyOf(pathname: string): string {
  return `${prefix}${pathname}`;
}

function secret(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): boolean {
  if (!(element instanceof HTMLSelectElement) && element.readOnly) return true;
  return /password|one-time-code/i.test(element.getAttribute('autocomplete') ?? '');
}

/** Keeps the filled-in fields of the page's main content for `pathname`, for `userId` only. */
export function keepUnsavedInput(pathname: string, userId: string): void {
  const fields: KeptField[] = [];
  for (const element of Array.from(
    document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
      'main input[id], main textarea[id], main select[id]',
    ),
  )) {
    if (element.disabled || skipped.has(element.type) || secret(element)) continue;
    if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')) {
      if (element.checked) fields.push({ id: element.id, checked: true });
    } else if (element.value !== '') {
      fields.push({ id: element.id, value: element.value });
    }
  }
  try {
    const kept: Kept = { userId, fields };
    if (fields.length > 0) sessionStorage.setItem(keyOf(pathname), JSON.stringify(kept));
  } catch {
    // Storage full or off: nothing can be kept, the sign-in page still says the session ended.
  }
}

/** The fields kept for `pathname` and `userId`, if any; someone else signing in gets none. */
export function keptInput(pathname: string, userId: string): KeptField[] | null {
  try {
    const text = sessionStorage.getItem(keyOf(pathname));
    const kept = (text ? JSON.parse(text) : null) as Partial<Kept> | null;
    if (!kept || kept.userId !== userId || !Array.isArray(kept.fields)) return null;
    return kept.fields.length > 0 ? kept.fields : null;
  } catch {
    return null;
  }
}

export function forgetKeptInput(pathname: string): void {
  try {
    sessionStorage.removeItem(keyOf(pathname));
  } catch {
    // Nothing to forget.
  }
}

/**
 * Puts one kept field back once it is on the page, as typing would: through the element's own
 * value setter and an input event, so React's controlled fields (and autosave) take it up.
 * `missing` while the field is not on the page, `same` when it holds the value already (a
 * default, or saved after all).
 */
export function restoreField(field: KeptField): 'restored' | 'same' | 'missing' {
  const element = document.getElementById(field.id);
  if (field.checked) {
    if (!(element instanceof HTMLInputElement)) return 'missing';
    if (element.checked) return 'same';
    element.click();
    return 'restored';
  }
  if (
    !(element instanceof HTMLInputElement) &&
    !(element instanceof HTMLTextAreaElement) &&
    !(element instanceof HTMLSelectElement)
  )
    return 'missing';
  if (element.value === field.value) return 'same';
  const prototype = Object.getPrototypeOf(element) as object;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(element, field.value);
  element.dispatchEvent(new Event('input', { bubbles: true }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
  return 'restored';
}

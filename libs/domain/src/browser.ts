/*
 * The part of the domain the web app may load: pure rules without zod, xstate or Node modules, so
 * the browser bundle stays small and runs the same code as the server. apps/web maps
 * `@kiezfonds/domain` to this file (apps/web/tsconfig.json, vite.config.ts); anything the web
 * needs from the domain is exported here, and browser-entry.spec.ts keeps heavy imports out.
 */
export * from './errors/domain-error';
// The API's error texts, so the web shows a server error in the language switched to after it.
export * from './errors/messages';
export { formatDate, formatDateTime, formatMoney } from './format';
export { formatIban, isValidIban, normaliseIban } from './identity/iban';
export { Money } from './money';
export {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  type ApplicationEventType,
  type ApplicationState,
  FINAL_STATES,
  isApplicationState,
  TIMELINE_STATES,
} from './applications/lifecycle-vocabulary';
export { addMonths, isCalendarDay } from './applications/calendar-day';
export * from './applications/plan-balance';
export { dayOfUseProblem, isLateUse, type UseDayRule } from './applications/prompt-use';

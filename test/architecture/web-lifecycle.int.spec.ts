import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATION_EVENT_TYPES, APPLICATION_STATES, EVENT_LABELS, STATE_LABELS } from '@kiezfonds/domain';

/*
 * The web app imports the states and steps from libs/domain (its browser entry), but names them
 * in its own message files; this keeps those names true to the machine in libs/domain (and so to
 * the generated docs/lifecycle). The web's files are read as text: the server's compiler settings
 * cannot import the browser's modules.
 */
const webFile = (path: string) => readFileSync(join(__dirname, '../../apps/web/src', path), 'utf8');

const messages = (language: 'de' | 'en') =>
  JSON.parse(webFile(`i18n/${language}.json`)) as {
    applicationStates: Record<string, string>;
    applicationEvents: Record<string, string>;
  };

describe('the web app and the lifecycle machine', () => {
  it('names every state as the machine does, in German and English', () => {
    for (const language of ['de', 'en'] as const) {
      const expected = Object.fromEntries(
        APPLICATION_STATES.map((state) => [state, STATE_LABELS[state][language]]),
      );
      expect(messages(language).applicationStates).toEqual(expected);
    }
  });

  it('names every step on its buttons as the machine (and so docs/lifecycle) does', () => {
    for (const language of ['de', 'en'] as const) {
      const expected = Object.fromEntries(
        APPLICATION_EVENT_TYPES.map((event) => [event, EVENT_LABELS[event][language]]),
      );
      expect(messages(language).applicationEvents).toEqual(expected);
    }
  });
});

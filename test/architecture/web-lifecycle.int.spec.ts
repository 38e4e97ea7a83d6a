import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  EVENT_LABELS,
  STATE_LABELS,
  TIMELINE_STATES,
} from '@kiezfonds/domain';

/*
 * The web app keeps its own copy of the state list and labels, because the browser bundle must
 * not pull in the lifecycle machine. This keeps the copy true to the machine in libs/domain (and
 * so to the generated docs/lifecycle). The web's files are read as text: the server's compiler
 * settings cannot import the browser's modules.
 */
const webFile = (path: string) => readFileSync(join(__dirname, '../../apps/web/src', path), 'utf8');

/** The string items of the web's `timelineStates` array, in order. */
function webTimelineStates(): string[] {
  const source = webFile('components/applications/lifecycle.ts');
  const list = /export const timelineStates[^=]*=\s*\[([^\]]*)\]/.exec(source);
  if (!list) throw new Error('timelineStates not found in the web lifecycle module');
  return [...list[1]!.matchAll(/'([a-z_]+)'/g)].map((match) => match[1]!);
}

const messages = (language: 'de' | 'en') =>
  JSON.parse(webFile(`i18n/${language}.json`)) as {
    applicationStates: Record<string, string>;
    applicationEvents: Record<string, string>;
  };

describe('the web app and the lifecycle machine', () => {
  it('shows the timeline of the machine, in its order', () => {
    expect(webTimelineStates()).toEqual([...TIMELINE_STATES]);
  });

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

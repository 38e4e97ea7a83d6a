import { APPLICATIONS_ERROR_CODES } from '@kiezfonds/applications';
import { COMMITTEE_ERROR_CODES } from '@kiezfonds/committee';
import { ERROR_MESSAGES } from '@kiezfonds/domain';
import { FUNDS_ERROR_CODES } from '@kiezfonds/funds';

// The catalogue lives in libs/domain, which may not import the feature libraries whose codes it
// must cover; the app sees both, so the check that none is missing lives here.
const ERROR_CODES: Record<string, Record<string, string>> = {
  APPLICATIONS_ERROR_CODES,
  COMMITTEE_ERROR_CODES,
  FUNDS_ERROR_CODES,
};

describe('every error code a library raises', () => {
  it('has a German and an English message of its own, not the text for an unexpected error', () => {
    const missing: string[] = [];
    for (const [constant, codes] of Object.entries(ERROR_CODES)) {
      for (const [key, code] of Object.entries(codes)) {
        const message = ERROR_MESSAGES[code];
        if (!message?.de || !message.en) missing.push(`${constant}.${key} (${code})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

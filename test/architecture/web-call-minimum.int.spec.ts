import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMoney, NETZWERKFONDS_MIN_AMOUNT } from '@kiezfonds/domain';

/*
 * The call form states the Netzwerkfonds floor in words (in the message files, not from the
 * domain's rule); this keeps the words true to the rule the server enforces.
 */
const messages = (language: 'de' | 'en') =>
  JSON.parse(readFileSync(join(__dirname, `../../apps/web/src/i18n/${language}.json`), 'utf8')) as {
    callAdmin: { fields: { minAmountHint: string } };
    applicationForm: { rules: { netzwerkfondsMinimum: string } };
  };

const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe("the call form's minimum and the Netzwerkfonds floor", () => {
  it.each(['de', 'en'] as const)('names the floor of libs/domain (%s)', (language) => {
    const floor = plain(formatMoney(BigInt(NETZWERKFONDS_MIN_AMOUNT.toString()), language));
    const { callAdmin, applicationForm } = messages(language);
    expect(plain(callAdmin.fields.minAmountHint)).toContain(floor);
    expect(plain(applicationForm.rules.netzwerkfondsMinimum)).toContain(floor);
  });
});

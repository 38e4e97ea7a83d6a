import { type ApplicationContent, calculateRepaymentInterest, Money, proofOfUse } from '@kiezfonds/domain';
import { pdfText } from '@kiezfonds/testing';
import { spandauOffice } from '../testing/fixtures';
import { flowing, lines } from '../testing/lines';
import type { RecoveryNoticeInput } from './recovery-notice.input';
import { renderRecoveryNotice } from './render-recovery-notice';

const BASE_RATES = [
  { validFrom: '2023-01-01', rateBasisPoints: 162 },
  { validFrom: '2023-07-01', rateBasisPoints: 312 },
  { validFrom: '2024-01-01', rateBasisPoints: 362 },
  { validFrom: '2024-07-01', rateBasisPoints: 337 },
  { validFrom: '2025-01-01', rateBasisPoints: 227 },
  { validFrom: '2025-07-01', rateBasisPoints: 127 },
];

/**
 * The issue's case taken through the domain: 70 000 € grant under shortfall funding, 10 000 € own
 * money, paid in full on 15.03.2025, 50 000 € spent; the 30 000 € claim repaid by 10.02.2026.
 */
function issueCase(): RecoveryNoticeInput {
  const content: ApplicationContent = {
    costPlan: [
      { cashYear: 2025, category: 'personnel', description: 'Projektleitung', amountCents: '6000000' },
      { cashYear: 2025, category: 'material', description: 'Material', amountCents: '2000000' },
    ],
    financingPlan: [{ cashYear: 2025, requestedCents: '7000000', ownCents: '1000000', thirdPartyCents: '0' }],
  };
  const settled = proofOfUse({
    content,
    actuals: [
      { cashYear: 2025, category: 'personnel', amount: Money.euros(40_000) },
      { cashYear: 2025, category: 'material', amount: Money.euros(10_000) },
      { cashYear: 2025, category: 'fees', amount: Money.euros(1_000) },
    ],
    paid: Money.euros(70_000),
  });
  const interest = calculateRepaymentInterest({
    principal: settled.unspent,
    paidOn: '2025-03-15',
    repaidOn: '2026-02-10',
    baseRates: BASE_RATES,
  });
  return {
    locale: 'de',
    issuer: spandauOffice,
    recipient: {
      name: 'Nachbarschaftshilfe Falkenhagener Feld e. V.',
      address: { street: 'Westerwaldstraße 12', postalCode: '13589', city: 'Berlin' },
    },
    fileReference: 'NWF-2025-0003-RF1',
    issuedOn: '2026-01-12',
    project: { title: 'Kiezküchen verbinden', reference: 'NWF-2025-0003' },
    grantNoticeReference: 'NWF-2025-0003-ZB',
    reason: 'unspent',
    settlement: {
      financingType: settled.financingType,
      lines: settled.lines,
      steps: settled.steps,
    },
    payments: [
      {
        paidOn: '2025-03-15',
        principal: settled.unspent,
        interestLines: interest.lines,
        interest: interest.total,
      },
    ],
    interestUntil: '2026-02-10',
    principal: settled.unspent,
    interest: interest.total,
    total: settled.unspent.add(interest.total),
    dueBy: '2026-02-10',
    signatory: { name: 'Dr. Anna Lindqvist', role: 'Leitung Stadtentwicklungsamt' },
  };
}

describe('the recovery and interest notice (Rückforderungs- und Zinsbescheid)', () => {
  it('shows every cost line with the rule applied and every step to the final grant', async () => {
    const text = await pdfText(await renderRecoveryNotice(issueCase()));
    const all = lines(text);
    expect(all).toContain('Rückforderungs- und Zinsbescheid');
    expect(all).toContain('Finanzierungsart Fehlbedarfsfinanzierung');
    expect(flowing(text)).toContain(
      '2025 Personalkosten 60.000,00 € 40.000,00 € 40.000,00 € Im Rahmen des Ansatzes',
    );
    expect(flowing(text)).toContain(
      '2025 Sachkosten 20.000,00 € 10.000,00 € 10.000,00 € Im Rahmen des Ansatzes',
    );
    expect(flowing(text)).toContain(
      '2025 Honorare 0,00 € 1.000,00 € 0,00 € Nicht im bewilligten Finanzierungsplan',
    );
    for (const line of [
      'Zuwendungsfähige Ausgaben 50.000,00 €',
      'abzüglich Eigenmittel und Drittmittel (mindestens wie geplant) 10.000,00 €',
      'Fehlbedarf 40.000,00 €',
      'Bewilligte Zuwendung (Höchstbetrag) 70.000,00 €',
      'Endgültige Zuwendung 40.000,00 €',
      'Ausgezahlt 70.000,00 €',
      'Zu erstatten 30.000,00 €',
    ]) {
      expect(all).toContain(line);
    }
  });

  it('shows the VAT a net settlement took off each line, so every line adds up', async () => {
    // The same case for an organisation that deducts input tax: 40 000 € of personnel costs
    // include 6 386,55 € VAT, so 33 613,45 € count; material 10 000 € without VAT.
    const base = issueCase();
    const settled = proofOfUse({
      content: {
        costPlan: [
          { cashYear: 2025, category: 'personnel', description: 'Projektleitung', amountCents: '6000000' },
          { cashYear: 2025, category: 'material', description: 'Material', amountCents: '2000000' },
        ],
        financingPlan: [
          { cashYear: 2025, requestedCents: '7000000', ownCents: '1000000', thirdPartyCents: '0' },
        ],
      },
      actuals: [
        { cashYear: 2025, category: 'personnel', amount: Money.euros(40_000), vat: Money.fromCents(638_655) },
        { cashYear: 2025, category: 'material', amount: Money.euros(10_000) },
      ],
      paid: Money.euros(70_000),
      costBasis: 'net',
    });
    const text = await pdfText(
      await renderRecoveryNotice({
        ...base,
        settlement: { financingType: settled.financingType, lines: settled.lines, steps: settled.steps },
      }),
    );
    expect(flowing(text)).toContain(
      '2025 Personalkosten 60.000,00 € 40.000,00 € 33.613,45 € Vorsteuerabzugsberechtigt: nur die ' +
        'Nettoausgaben sind zuwendungsfähig, die Umsatzsteuer nicht; abgezogene Umsatzsteuer 6.386,55 €',
    );
    expect(flowing(text)).toContain(
      '2025 Sachkosten 20.000,00 € 10.000,00 € 10.000,00 € Im Rahmen des Ansatzes: voll zuwendungsfähig 2.',
    );
    // A gross settlement takes nothing off.
    expect(flowing(await pdfText(await renderRecoveryNotice(base)))).not.toContain('abgezogene Umsatzsteuer');
  });

  it('shows the interest of each period across the base-rate change, and the totals', async () => {
    // 30 000 € from 15.03.2025: 108 days at 7,27 %: 3 000 000 × 727 × 108 / 3 650 000 = 64 533,69… → 645,34 €;
    // 224 days at 6,27 %: 3 000 000 × 627 × 224 / 3 650 000 = 115 436,71… → 1.154,37 €; together 1.799,71 €.
    const text = await pdfText(await renderRecoveryNotice(issueCase()));
    const all = lines(text);
    expect(all).toContain('Auszahlung vom 15.03.2025 30.000,00 €');
    expect(all).toContain('15.03.2025 – 30.06.2025 108 7,27 % (Basiszins 2,27 %) 645,34 €');
    expect(all).toContain('01.07.2025 – 09.02.2026 224 6,27 % (Basiszins 1,27 %) 1.154,37 €');
    expect(all).toContain('Zinsen zusammen 1.799,71 €');
    expect(all).toContain('Erstattungsbetrag 30.000,00 €');
    expect(all).toContain('Zinsen 1.799,71 €');
    expect(all).toContain('Gesamtbetrag 31.799,71 €');
    expect(flowing(text)).toContain(
      'Sie werden aufgefordert, 30.000,00 € zu erstatten und Zinsen von 1.799,71 € zu zahlen, zusammen 31.799,71 €, bis zum 10.02.2026.',
    );
  });

  it('says interest runs on when the money comes later, and ends with the use for late use', async () => {
    // The office books interest up to the day the money comes back (§ 49a (3) VwVfG); the notice
    // must tell the carrier so.
    const text = flowing(await pdfText(await renderRecoveryNotice(issueCase())));
    expect(text).toContain('bis zum 10.02.2026 (ausschließlich)');
    expect(text).toContain('Geht die Zahlung später ein, laufen die Zinsen bis zum Tag des Eingangs weiter.');
    const lateUse = flowing(
      await pdfText(
        await renderRecoveryNotice({ ...issueCase(), reason: 'late_use', interestUntil: '2026-02-10' }),
      ),
    );
    expect(lateUse).toContain('bis zum Tag der Verwendung (ausschließlich)');
    expect(lateUse).not.toContain('bis zum 10.02.2026 (ausschließlich)');
    expect(lateUse).not.toContain('laufen die Zinsen bis zum Tag des Eingangs weiter');
    const english = flowing(await pdfText(await renderRecoveryNotice({ ...issueCase(), locale: 'en' })));
    expect(english).toContain('If the payment arrives later, interest runs on to the day it arrives.');
  });

  it('a revocation states the late-use interest already paid on the same money, line by line, and takes off what was paid', async () => {
    // The 30 000 € paid on 15.03.2025 were used late, on 01.08.2025: late-use interest of 645,34 €
    // (108 days at 7,27 %) and 3 000 000 × 627 × 31 / 3 650 000 = 15 975,6… → 159,76 € (31 days at
    // 6,27 %), 805,10 € in all, of which the carrier paid 300,00 € before the revocation:
    // 1.799,71 € − 300,00 € = 1.499,71 € of interest.
    const base = issueCase();
    const lateUse = calculateRepaymentInterest({
      principal: Money.euros(30_000),
      paidOn: '2025-03-15',
      repaidOn: '2025-08-01',
      baseRates: BASE_RATES,
    });
    const revocation = (locale: 'de' | 'en'): RecoveryNoticeInput => ({
      ...base,
      locale,
      reason: 'revocation',
      settlement: undefined,
      lateUseCredits: [
        {
          reference: 'NWF-2025-0003-RF1',
          paidOn: '2025-03-15',
          usedOn: '2025-08-01',
          principal: Money.euros(30_000),
          interestLines: lateUse.lines,
          paid: Money.euros(300),
          credited: Money.euros(300),
        },
      ],
      interest: Money.fromCents(149_971),
      total: Money.fromCents(3_149_971),
    });
    const text = await pdfText(await renderRecoveryNotice(revocation('de')));
    const all = lines(text);
    expect(all).toContain('15.03.2025 – 30.06.2025 108 7,27 % (Basiszins 2,27 %) 645,34 €');
    expect(all).toContain('01.07.2025 – 31.07.2025 31 6,27 % (Basiszins 1,27 %) 159,76 €');
    expect(all).toContain('Davon gezahlt 300,00 €');
    expect(all).toContain('Angerechnet zusammen 300,00 €');
    expect(all).toContain('Zinsen 1.499,71 €');
    expect(all).toContain('Gesamtbetrag 31.499,71 €');
    expect(flowing(text)).toContain('kein Tag derselben Mittel wird doppelt verzinst');
    expect(flowing(text)).toContain('verwendet am 01.08.2025');
    const english = lines(await pdfText(await renderRecoveryNotice(revocation('en'))));
    expect(english).toContain('Of which paid €300.00');
    expect(english).toContain('Credited, together €300.00');
  });

  it('a settlement that reclaims part of a payment credits the share of the late-use interest paid on it', async () => {
    // The 70 000 € paid on 15.03.2025 were used late, on 01.08.2025: late-use interest of
    // 7 000 000 × 727 × 108 / 3 650 000 = 150 578,6… → 1.505,79 € and 7 000 000 × 627 × 31 / 3 650 000
    // = 37 276,4… → 372,76 €, 1.878,55 € in all, paid. The settlement reclaims 30 000 € of them:
    // their share is 187 855 × 3 000 000 / 7 000 000 = 80 509,2… → 805,09 €;
    // 1.799,71 € − 805,09 € = 994,62 € of interest.
    const base = issueCase();
    const lateUse = calculateRepaymentInterest({
      principal: Money.euros(70_000),
      paidOn: '2025-03-15',
      repaidOn: '2025-08-01',
      baseRates: BASE_RATES,
    });
    const settlement = (locale: 'de' | 'en'): RecoveryNoticeInput => ({
      ...base,
      locale,
      lateUseCredits: [
        {
          reference: 'NWF-2025-0003-RF1',
          paidOn: '2025-03-15',
          usedOn: '2025-08-01',
          principal: Money.euros(70_000),
          interestLines: lateUse.lines,
          paid: lateUse.total,
          claimed: Money.euros(30_000),
          share: Money.fromCents(80_509),
          credited: Money.fromCents(80_509),
        },
      ],
      interest: Money.fromCents(99_462),
      total: Money.fromCents(3_099_462),
    });
    const all = lines(await pdfText(await renderRecoveryNotice(settlement('de'))));
    expect(all).toContain('15.03.2025 – 30.06.2025 108 7,27 % (Basiszins 2,27 %) 1.505,79 €');
    expect(all).toContain('01.07.2025 – 31.07.2025 31 6,27 % (Basiszins 1,27 %) 372,76 €');
    expect(all).not.toContain('Davon gezahlt 1.878,55 €');
    expect(all).toContain('Anteil für 30.000,00 € 805,09 €');
    expect(all).toContain('Angerechnet zusammen 805,09 €');
    expect(all).toContain('Zinsen 994,62 €');
    expect(all).toContain('Gesamtbetrag 30.994,62 €');
    const english = lines(await pdfText(await renderRecoveryNotice(settlement('en'))));
    expect(english).toContain('Share for €30,000.00 €805.09');
  });
});

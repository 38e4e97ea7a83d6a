import { Money } from '@kiezfonds/domain';
import { pdfInfo, pdfText } from '@kiezfonds/testing';
import { programmeListInput } from '../testing/fixtures';
import { flowing, lines } from '../testing/lines';
import { renderProgrammeList } from './render-programme-list';

describe('renderProgrammeList', () => {
  it('names fund, programme year, budget and the decision it rests on', async () => {
    const text = await pdfText(await renderProgrammeList(programmeListInput()));

    expect(lines(text)).toContain('Programmplanung Netzwerkfonds 2026: Prioritätenliste');
    expect(lines(text)).toContain('Fonds Netzwerkfonds');
    expect(lines(text)).toContain('Programmjahr 2026');
    expect(lines(text)).toContain('Budget 250.000,00 €');
    expect(lines(text)).toContain('Grundlage Beschluss der AG Stabile Kieze vom 03.12.2026');
  });

  it('lists the applications by rank with carrier, requested and planned amount and status', async () => {
    const text = await pdfText(await renderProgrammeList(programmeListInput()));
    const all = flowing(text);

    expect(lines(text)).toContain('Rang Antrag Träger:in Beantragt Vorgesehen Status');
    const ranks = ['1 Kiezlotsinnen', '2 Grüne Höfe', '3 Lesepat:innen', '4 Bewegte Höfe'].map((row) =>
      all.indexOf(row),
    );
    expect(ranks.every((position) => position >= 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(all).toContain(
      'NWF-2026-0007 Nachbarschaftshilfe Falkenhagener Feld e. V. 123.456,78 € 110.000,00 € * ausgewählt',
    );
    expect(all).toContain(
      'NWF-2026-0011 Stadtteilzentrum Heerstraße gGmbH 75.000,00 € 75.000,00 € ausgewählt',
    );
    expect(lines(text)).toContain('Bürgerstiftung Spandau 80.000,00 € 80.000,00 € Warteliste');
    expect(all).toContain('Sportjugend Spandau e. V. 70.000,00 € 70.000,00 € Warteliste');
  });

  it('sums the selected and the waitlisted amounts and shows what remains of the budget', async () => {
    const text = await pdfText(await renderProgrammeList(programmeListInput()));

    expect(lines(text)).toContain('Ausgewählt (2 Anträge) 185.000,00 €');
    expect(lines(text)).toContain('Verbleibendes Budget 65.000,00 €');
    expect(lines(text)).toContain('Warteliste (2 Anträge) 150.000,00 €');
    expect(text).not.toContain('überschreiten');
  });

  it('gives the reason for every amount that differs from the request', async () => {
    const text = await pdfText(await renderProgrammeList(programmeListInput()));

    expect(flowing(text)).toContain(
      'Rang 1, „Kiezlotsinnen für Familien“: beantragt 123.456,78 €, vorgesehen 110.000,00 €. ' +
        'Begründung: Personalkosten auf eine halbe Stelle begrenzt.',
    );
    expect(flowing(text)).not.toContain('Rang 2, „Grüne Höfe');
  });

  it('says plainly when the selection exceeds the budget', async () => {
    const text = await pdfText(
      await renderProgrammeList(programmeListInput({ budget: Money.euros(180_000) })),
    );

    expect(lines(text)).toContain('Verbleibendes Budget -5.000,00 €');
    expect(lines(text)).toContain('Die ausgewählten Anträge überschreiten das Budget um 5.000,00 €.');
  });

  it('is written in English on request', async () => {
    const text = await pdfText(await renderProgrammeList(programmeListInput({ locale: 'en' })));

    expect(lines(text)).toContain('Programme planning Netzwerkfonds 2026: priority list');
    expect(lines(text)).toContain('Rank Application Carrier Requested Planned Status');
    expect(lines(text)).toContain('Bürgerstiftung Spandau €80,000.00 €80,000.00 waitlisted');
    expect(lines(text)).toContain('Selected (2 applications) €185,000.00');
    expect(lines(text)).toContain('Budget remaining €65,000.00');
    expect(lines(text)).toContain('Page 1 of 1');
  });

  it('keeps the heading "Summen" on the page of its totals, however many applications come before', async () => {
    const apart: number[] = [];
    for (let count = 1; count <= 45; count++) {
      const entries = Array.from({ length: count }, (_, i) => ({
        rank: i + 1,
        title: `Projekt ${i + 1}`,
        reference: `NWF-2026-${String(i + 1).padStart(4, '0')}`,
        carrier: 'Träger e. V.',
        requestedAmount: Money.euros(1_000),
        amount: Money.euros(1_000),
        status: 'selected' as const,
      }));
      const pages = (await pdfText(await renderProgrammeList(programmeListInput({ entries })))).split('\f');
      const headingPage = pages.findIndex((page) => lines(page).includes('Summen'));
      const totalsPage = pages.findIndex((page) =>
        lines(page).includes(`Ausgewählt (${count} ${count === 1 ? 'Antrag' : 'Anträge'}) ${count}.000,00 €`),
      );
      if (headingPage !== totalsPage) apart.push(count);
    }
    expect(apart).toEqual([]);
    // 45 documents rendered and read back: on a loaded CI machine this took more than 20 s.
  }, 120_000);

  it('carries its title, the district as author and the date it was prepared', async () => {
    const pdf = await renderProgrammeList(programmeListInput({ draft: true }));
    const { info } = await pdfInfo(pdf);

    expect(info).toMatchObject({
      Title: 'Programmplanung Netzwerkfonds 2026: Prioritätenliste',
      Author: 'Bezirksamt Spandau von Berlin',
      CreationDate: 'D:20261208000000Z',
    });
    expect(await pdfText(pdf)).toContain('ENTWURF / DRAFT');
  });
});

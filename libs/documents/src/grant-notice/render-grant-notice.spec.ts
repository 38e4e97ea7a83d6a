import { Money } from '@kiezfonds/domain';
import { pdfInfo, pdfText } from '@kiezfonds/testing';
import { grantNoticeInput } from '../testing/fixtures';
import { flowing, lines } from '../testing/lines';
import { renderGrantNotice } from './render-grant-notice';

describe('renderGrantNotice', () => {
  it('states amount, period, programme year and funding type of the grant', async () => {
    const text = await pdfText(await renderGrantNotice(grantNoticeInput()));

    expect(text).toContain('Zuwendungsbescheid');
    expect(text).toContain('Netzwerkfonds im Programm Sozialer Zusammenhalt, Programmjahr 2026');
    expect(text).toContain('Projekt: „Kiezlotsinnen für Familien“');
    expect(lines(text)).toContain('Zuwendungsbetrag bis zu 123.456,78 €');
    expect(lines(text)).toContain('Bewilligungszeitraum 01.01.2027 bis 31.12.2028');
    expect(lines(text)).toContain('Programmjahr 2026');
    expect(lines(text)).toContain('Antragsnummer NWF-2026-0007');
    expect(text).toContain('Finanzierungsart Projektförderung als Fehlbedarfsfinanzierung');
    expect(text).toContain('auf Ihren Antrag vom 30.09.2026 bewillige ich Ihnen');
  });

  it('cites the committee decision it rests on: a written vote with its closing day and the programme plan', async () => {
    const input = grantNoticeInput({
      decision: {
        committee: 'AG Stabile Kieze',
        procedure: 'written',
        id: '7d0c2f4e-5b1a-4c3e-9f2d-1a2b3c4d5e6f',
        decidedOn: '2026-10-14',
        programmePlanFinalisedOn: '2026-10-20',
      },
    });

    expect(flowing(await pdfText(await renderGrantNotice(input)))).toContain(
      'auf Ihren Antrag vom 30.09.2026 und auf Grund des Beschlusses des Gremiums „AG Stabile Kieze“ im ' +
        'Umlaufverfahren vom 14.10.2026 (Beschluss 7d0c2f4e-5b1a-4c3e-9f2d-1a2b3c4d5e6f) und der am 20.10.2026 ' +
        'abgeschlossenen Programmplanung bewillige ich Ihnen',
    );
    expect(flowing(await pdfText(await renderGrantNotice({ ...input, locale: 'en' })))).toContain(
      'In response to your application of 30/09/2026 and on the basis of the decision of the committee ' +
        '“AG Stabile Kieze” by written procedure (Umlaufverfahren) closed on 14/10/2026 ' +
        '(decision 7d0c2f4e-5b1a-4c3e-9f2d-1a2b3c4d5e6f) and the programme plan finalised on 20/10/2026, ' +
        'I hereby grant you',
    );
  });

  it('cites a decision taken in a session by the session’s title and day', async () => {
    const input = grantNoticeInput({
      decision: {
        committee: 'AG Stabile Kieze',
        procedure: 'roll_call',
        id: '0b9e8d7c-6a5b-4c3d-8e2f-1a0b9c8d7e6f',
        decidedOn: '2026-12-03',
        session: { title: '4. Sitzung 2026', date: '2026-12-03' },
      },
    });

    expect(flowing(await pdfText(await renderGrantNotice(input)))).toContain(
      'auf Grund des Beschlusses des Gremiums „AG Stabile Kieze“ in seiner Sitzung „4. Sitzung 2026“ am ' +
        '03.12.2026 (Beschluss 0b9e8d7c-6a5b-4c3d-8e2f-1a0b9c8d7e6f) bewillige ich Ihnen',
    );
    expect(flowing(await pdfText(await renderGrantNotice({ ...input, locale: 'en' })))).toContain(
      'on the basis of the decision of the committee “AG Stabile Kieze” taken in its session “4. Sitzung 2026” ' +
        'on 03/12/2026 (decision 0b9e8d7c-6a5b-4c3d-8e2f-1a0b9c8d7e6f), I hereby grant you',
    );
  });

  it('comes from the district office with file reference, date and contact, to the carrier and its representatives', async () => {
    const text = await pdfText(await renderGrantNotice(grantNoticeInput()));

    expect(text).toContain('Bezirksamt Spandau von Berlin');
    expect(text).toContain('Stadtentwicklungsamt');
    expect(text).toContain('Carl-Schurz-Straße 2/6, 13597 Berlin');
    expect(text).toContain('Jörg Weiß');
    expect(text).toContain('030 90279-2345');
    expect(text).toContain('Stadt 3 SZ-NWF 2026/0007');
    expect(text).toContain('22.11.2026');
    expect(text).toContain('Nachbarschaftshilfe Falkenhagener Feld e. V.');
    expect(text).toContain('Westerwaldstraße 15');
    expect(text).toContain('13589 Berlin');
    expect(flowing(text)).toContain('vertreten durch Ayşe Demir (Vorstand), Günther Möller (Schatzmeister)');
  });

  it('lists the instalment of every cash year and their sum', async () => {
    const text = await pdfText(await renderGrantNotice(grantNoticeInput()));

    expect(lines(text)).toContain('Kassenjahr Betrag');
    expect(lines(text)).toContain('2027 60.000,00 €');
    expect(lines(text)).toContain('2028 63.456,78 €');
    expect(lines(text)).toContain('Summe 123.456,78 €');
  });

  it('refuses instalments that do not add up to the granted amount', async () => {
    const input = grantNoticeInput({
      instalments: [{ cashYear: 2027, amount: Money.fromCents(12_345_677), promptUseMonths: 2 }],
    });

    await expect(renderGrantNotice(input)).rejects.toThrow(/12345677 cents, not the granted 12345678/);
  });

  it('names the report deadlines, the prompt-use rule and the repayment interest', async () => {
    const text = await pdfText(await renderGrantNotice(grantNoticeInput()));

    expect(lines(text)).toContain('Zwischenbericht (Sachbericht) 2027 28.02.2028');
    expect(lines(text)).toContain('Verwendungsnachweis (Sachbericht und zahlenmäßiger Nachweis) 30.06.2029');
    expect(flowing(text)).toContain('innerhalb von zwei Monaten nach der Auszahlung für fällige Zahlungen');
    expect(flowing(text)).toContain('5 Prozentpunkten über dem Basiszinssatz');
  });

  it('words the prompt-use period the lifecycle computed for a small grant', async () => {
    const small = grantNoticeInput({
      amount: Money.fromCents(1_600_000),
      instalments: [
        { cashYear: 2027, amount: Money.fromCents(800_000), promptUseMonths: 4 },
        { cashYear: 2028, amount: Money.fromCents(800_000), promptUseMonths: 4 },
      ],
    });
    const text = await pdfText(await renderGrantNotice(small));

    expect(flowing(text)).toContain('innerhalb von vier Monaten nach der Auszahlung');
  });

  it('states the prompt-use period of each cash year when they differ', async () => {
    // A grant of 50.000 €: 9.000 € in 2027 (≤ 10.000 €: four months), 41.000 € in 2028 (two months).
    const mixed = grantNoticeInput({
      amount: Money.fromCents(5_000_000),
      instalments: [
        { cashYear: 2027, amount: Money.fromCents(900_000), promptUseMonths: 4 },
        { cashYear: 2028, amount: Money.fromCents(4_100_000), promptUseMonths: 2 },
      ],
    });

    expect(flowing(await pdfText(await renderGrantNotice(mixed)))).toContain(
      'Sie dürfen Mittel nur so weit abrufen, wie Sie sie für fällige Zahlungen benötigen: die Mittel des ' +
        'Kassenjahres 2027 innerhalb von vier Monaten, die Mittel des Kassenjahres 2028 innerhalb von zwei ' +
        'Monaten nach der Auszahlung.',
    );
    // Where the page breaks depends on the font; the sentence may run on to the next page.
    expect(flowing(await pdfText(await renderGrantNotice({ ...mixed, locale: 'en' })))).toContain(
      'four months for the funds of cash year 2027, two months for the funds of cash year 2028.',
    );
  });

  it('makes ANBest-P part of the notice and lists the further conditions', async () => {
    const text = await pdfText(await renderGrantNotice(grantNoticeInput()));

    expect(flowing(text)).toContain(
      'Die Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P) sind Bestandteil dieses Bescheides.',
    );
    expect(flowing(text)).toContain('1. Die Förderung ist in allen Veröffentlichungen mit dem Logo');
    expect(flowing(text)).toContain('2. Änderungen des Finanzierungsplans über 20 % einer Ausgabenposition');
  });

  it('tells the carrier how to object and is signed on behalf of the office', async () => {
    const text = await pdfText(await renderGrantNotice(grantNoticeInput()));

    expect(text).toContain('Rechtsbehelfsbelehrung');
    expect(flowing(text)).toContain(
      'innerhalb eines Monats nach seiner Bekanntgabe Widerspruch erhoben werden',
    );
    expect(flowing(text)).toContain(
      'beim Bezirksamt Spandau von Berlin, Stadtentwicklungsamt, Carl-Schurz-Straße 2/6',
    );
    expect(text).toContain('Im Auftrag');
    expect(text).toContain('Dr. Ines Schäfer');
    expect(text).toContain('Leitung Stadtentwicklungsamt');
  });

  it('takes another funding type when the call sets one', async () => {
    const text = await pdfText(
      await renderGrantNotice(
        grantNoticeInput({ fundingType: 'Projektförderung als Festbetragsfinanzierung' }),
      ),
    );

    expect(lines(text)).toContain('Finanzierungsart Projektförderung als Festbetragsfinanzierung');
  });

  it('numbers its pages and carries the file reference on each', async () => {
    const text = await pdfText(await renderGrantNotice(grantNoticeInput()));

    expect(text).toContain('Seite 1 von 2');
    expect(text).toContain('Seite 2 von 2');
    expect(text.match(/Geschäftszeichen: Stadt 3 SZ-NWF 2026\/0007/g)).toHaveLength(2);
  });

  it('marks the preview as a draft on every page, and only the preview', async () => {
    const preview = await pdfText(await renderGrantNotice(grantNoticeInput({ draft: true })));
    const issued = await pdfText(await renderGrantNotice(grantNoticeInput()));

    expect(preview.match(/ENTWURF \/ DRAFT/g)).toHaveLength(2);
    expect(issued).not.toContain('ENTWURF');
  });

  it('is written in English when the carrier reads English', async () => {
    const text = await pdfText(await renderGrantNotice(grantNoticeInput({ locale: 'en' })));

    expect(text).toContain('Notice of grant (Zuwendungsbescheid)');
    expect(lines(text)).toContain('Amount granted up to €123,456.78');
    expect(lines(text)).toContain('Funding period 01/01/2027 to 31/12/2028');
    expect(lines(text)).toContain('Total €123,456.78');
    // Where the page breaks depends on the font; the sentence may run on to the next page.
    expect(flowing(text)).toContain('for payments due within two months of');
    expect(flowing(text)).toContain('(ANBest-P) form part of this notice');
    expect(flowing(text)).toContain('within one month of its notification');
    expect(text).toContain('Page 1 of 2');
  });

  it('carries title, author and the notice date as metadata, and the same input gives the same bytes', async () => {
    const first = await renderGrantNotice(grantNoticeInput());
    const second = await renderGrantNotice(grantNoticeInput());
    const { info, numPages } = await pdfInfo(first);

    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(numPages).toBe(2);
    expect(info).toMatchObject({
      Title: 'Zuwendungsbescheid: Kiezlotsinnen für Familien',
      Author: 'Bezirksamt Spandau von Berlin',
      CreationDate: 'D:20261122000000Z',
    });
    expect(second.equals(first)).toBe(true);
  });
});

import { pdfText } from '@kiezfonds/testing';
import { heading, keyValues, list, paragraph, subheading } from './blocks';
import { bottomLimit, createPdf, finishPdf, type Pdf } from './pdf';
import { table } from './table';

function blankPdf(): Pdf {
  return createPdf({ locale: 'de', title: 'Test', author: 'Bezirksamt', createdAt: '2026-12-07' });
}

/** The text of each page, its lines joined by spaces. */
async function pages(pdf: Pdf): Promise<string[]> {
  return (await pdfText(await finishPdf(pdf))).split('\f').map((page) => page.replace(/\s+/g, ' '));
}

function pageWith(all: readonly string[], text: string): number {
  return all.findIndex((page) => page.includes(text));
}

/**
 * Writes a heading and the block it opens once for every distance from the foot of the page,
 * from "the page is full" to "there is plenty of room", each on fresh pages.
 */
function atEveryDistanceFromTheFoot(pdf: Pdf, write: (n: number) => void): number[] {
  const distances: number[] = [];
  for (let distance = 0; distance <= 240; distance += 4) {
    if (distances.length > 0) pdf.doc.addPage();
    pdf.doc.y = bottomLimit(pdf.doc) - distance;
    write(distances.length);
    distances.push(distance);
  }
  return distances;
}

const LONG_VALUE = 'Die Fachbereiche beraten ausführlich über Ziele, Kosten und Wirkung des Vorhabens. ';

describe('a heading stays with the start of the block it opens', () => {
  it('a table starts on the page of its heading, wherever the page runs out', async () => {
    const pdf = blankPdf();
    const distances = atEveryDistanceFromTheFoot(pdf, (n) => {
      heading(pdf, `Abschnitt ${n}`);
      table(
        pdf,
        [
          { header: `Spalte ${n}`, weight: 3 },
          { header: 'Betrag', weight: 1, align: 'right' },
        ],
        [1, 2, 3, 4, 5].map((row) => [`Zeile ${n}.${row}`, '1.000,00 €']),
      );
    });
    const all = await pages(pdf);

    const apart = distances.filter(
      (_, n) => pageWith(all, `Abschnitt ${n} `) !== pageWith(all, `Spalte ${n} `),
    );
    expect(apart).toEqual([]);
  });

  it('a table without a header row starts on the page of its heading', async () => {
    const pdf = blankPdf();
    const distances = atEveryDistanceFromTheFoot(pdf, (n) => {
      heading(pdf, `Summen ${n}`);
      table(
        pdf,
        [
          { header: '', weight: 3 },
          { header: '', weight: 1, align: 'right' },
        ],
        ['Budget', 'Ausgewählt', 'Verbleibend', 'Warteliste'].map((row) => [`${row} ${n}`, '1,00 €']),
        { header: false },
      );
    });
    const all = await pages(pdf);

    const apart = distances.filter((_, n) => pageWith(all, `Summen ${n} `) !== pageWith(all, `Budget ${n} `));
    expect(apart).toEqual([]);
  });

  it('a label/value line and a subheading kept with a table go with it and its heading', async () => {
    const pdf = blankPdf();
    const distances = atEveryDistanceFromTheFoot(pdf, (n) => {
      heading(pdf, `Abrechnung ${n}`);
      keyValues(pdf, [[`Finanzierungsart ${n}`, 'Fehlbedarfsfinanzierung']], { keepWithNext: true });
      subheading(pdf, `Auszahlung ${n}`);
      table(
        pdf,
        [
          { header: `Zeitraum ${n}`, weight: 3 },
          { header: 'Betrag', weight: 1, align: 'right' },
        ],
        [1, 2, 3, 4].map((row) => [`Zeile ${n}.${row}`, '1,00 €']),
      );
    });
    const all = await pages(pdf);

    const apart = distances.filter((_, n) =>
      [`Abrechnung ${n} `, `Finanzierungsart ${n} `, `Auszahlung ${n} `].some(
        (text) => pageWith(all, text) !== pageWith(all, `Zeitraum ${n} `),
      ),
    );
    expect(apart).toEqual([]);
  });

  it('a label and a value of several lines start on the page of their heading', async () => {
    const pdf = blankPdf();
    const distances = atEveryDistanceFromTheFoot(pdf, (n) => {
      heading(pdf, `Punkt ${n}`);
      keyValues(pdf, [[`Aussprache ${n}`, LONG_VALUE.repeat(6)]]);
    });
    const all = await pages(pdf);

    const apart = distances.filter(
      (_, n) => pageWith(all, `Punkt ${n} `) !== pageWith(all, `Aussprache ${n} `),
    );
    expect(apart).toEqual([]);
  });

  it('a heading with nothing after it is still printed, without a page of its own', async () => {
    const pdf = blankPdf();
    paragraph(pdf, 'Text');
    heading(pdf, 'Letzte Überschrift');
    const all = await pages(pdf);

    expect(all).toHaveLength(1);
    expect(all[0]).toContain('Letzte Überschrift');
  });

  it('a paragraph and a list start on the page of their heading', async () => {
    const pdf = blankPdf();
    const distances = atEveryDistanceFromTheFoot(pdf, (n) => {
      heading(pdf, `Text ${n}`);
      paragraph(pdf, `Absatz ${n} ${LONG_VALUE.repeat(3)}`);
      heading(pdf, `Liste ${n}`);
      list(pdf, [`Eintrag ${n} ${LONG_VALUE.repeat(2)}`, 'Zweiter Eintrag']);
    });
    const all = await pages(pdf);

    const apart = distances.filter(
      (_, n) =>
        pageWith(all, `Text ${n} `) !== pageWith(all, `Absatz ${n} `) ||
        pageWith(all, `Liste ${n} `) !== pageWith(all, `Eintrag ${n} `),
    );
    expect(apart).toEqual([]);
  });
});

describe('a label and a value longer than a page', () => {
  it('flow on over the pages they need, and what follows continues right after the value', async () => {
    const pdf = blankPdf();
    paragraph(pdf, 'Vorher');
    keyValues(pdf, [['Aussprache', `${LONG_VALUE.repeat(90)}Ende der Aussprache.`]]);
    paragraph(pdf, 'Danach');
    const all = await pages(pdf);

    // The value starts on the first page, under "Vorher", rather than on a page of its own.
    expect(pageWith(all, 'Aussprache')).toBe(0);
    expect(pageWith(all, 'Danach')).toBe(pageWith(all, 'Ende der Aussprache.'));
    expect(all).toHaveLength(pageWith(all, 'Danach') + 1);
  });
});

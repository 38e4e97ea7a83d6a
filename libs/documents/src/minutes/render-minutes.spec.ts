import { pdfInfo, pdfText } from '@kiezfonds/testing';
import { sessionMinutesInput, writtenMinutesInput } from '../testing/fixtures';
import { flowing, lines } from '../testing/lines';
import type { MinutesInput, SessionProcedure, VoteChoice } from './minutes.input';
import { renderMinutes } from './render-minutes';

const CHOICES: Record<VoteChoice, string> = {
  yes: 'Ja',
  no: 'Nein',
  abstain: 'Enthaltung',
  recused: 'befangen – nicht mitgewirkt',
  none: 'keine Stimme abgegeben',
  absent: 'nicht anwesend',
};

/** The text of each agenda item, from its heading to the next one. */
function itemSections(text: string): string[] {
  return text.split(/^TOP \d+: /m).slice(1);
}

function sessionOf(input: MinutesInput): SessionProcedure {
  if (input.procedure.kind !== 'session') throw new Error('not a session');
  return input.procedure;
}

describe('renderMinutes of a session', () => {
  it('records committee, time, place, chair and minute-taker', async () => {
    const text = await pdfText(await renderMinutes(sessionMinutesInput()));

    expect(lines(text)).toContain('Protokoll der Sitzung der AG Stabile Kieze');
    expect(lines(text)).toContain('4. Sitzung 2026');
    expect(lines(text)).toContain('Gremium AG Stabile Kieze');
    expect(lines(text)).toContain('Beginn 03.12.2026, 14:00 Uhr');
    expect(lines(text)).toContain('Ende 03.12.2026, 16:10 Uhr');
    expect(lines(text)).toContain('Ort Rathaus Spandau, Raum 214');
    expect(lines(text)).toContain('Leitung Dr. Ines Schäfer');
    expect(lines(text)).toContain('Protokoll Jörg Weiß');
  });

  it('lists every member with department, voting or advisory role, and attendance or substitute', async () => {
    const text = await pdfText(await renderMinutes(sessionMinutesInput()));

    expect(lines(text)).toContain('Name Fachbereich Funktion Anwesenheit');
    expect(lines(text)).toContain('Dr. Ines Schäfer Stadtentwicklungsamt stimmberechtigt anwesend');
    expect(lines(text)).toContain('Mehmet Öztürk Jugendamt stimmberechtigt anwesend');
    expect(lines(text)).toContain(
      'Claudia Groß Schul- und Sportamt stimmberechtigt vertreten durch Björn Krüger',
    );
    expect(lines(text)).toContain('Fatma Yılmaz Gesundheitsamt stimmberechtigt anwesend');
    expect(lines(text)).toContain('Peter Schmidt Straßen- und Grünflächenamt stimmberechtigt abwesend');
    expect(lines(text)).toContain('Anna Lübke Amt für Soziales stimmberechtigt anwesend');
    expect(lines(text)).toContain('Sven Hoffmann QM Heerstraße Nord beratend anwesend');
  });

  it('states the quorum of the session and the rules it decided by', async () => {
    const text = await pdfText(await renderMinutes(sessionMinutesInput()));

    expect(flowing(text)).toContain(
      'Anwesend sind 5 von 6 stimmberechtigten Mitgliedern; erforderlich sind 4 (zwei Drittel). Das Gremium ist beschlussfähig.',
    );
    expect(flowing(text)).toContain(
      'Beschlüsse bedürfen der einfachen Mehrheit der abgegebenen Stimmen; Enthaltungen zählen nicht als abgegebene Stimmen.',
    );
  });

  it('lists every vote cast, by name, under the item it was cast on', async () => {
    const input = sessionMinutesInput();
    const sections = itemSections(await pdfText(await renderMinutes(input)));

    expect(sections).toHaveLength(input.items.length);
    input.items.forEach((item, index) => {
      const section = lines(sections[index]!);
      expect(section[0]).toBe(item.title);
      for (const vote of item.votes) {
        const voter = vote.onBehalfOf ? `${vote.name} (in Vertretung für ${vote.onBehalfOf})` : vote.name;
        expect(section).toContain(`${voter} ${CHOICES[vote.choice]}`);
      }
    });
    expect(lines(sections[0]!)).toContain('Björn Krüger (in Vertretung für Claudia Groß) Ja');
    expect(lines(sections[1]!)).toContain('Fatma Yılmaz Nein');
  });

  it('records recusals, the quorum of each item and the result with its counts, rule and decision', async () => {
    const [first, second] = itemSections(await pdfText(await renderMinutes(sessionMinutesInput())));

    expect(lines(first!)).toContain('Wegen Befangenheit nicht mitgewirkt: Mehmet Öztürk.');
    expect(lines(first!)).toContain('Mehmet Öztürk befangen – nicht mitgewirkt');
    expect(lines(first!)).toContain(
      'Mitgewirkt haben 4 von 6 stimmberechtigten Mitgliedern (erforderlich: 4); beschlussfähig.',
    );
    expect(lines(first!)).toContain('Stimmen Ja 3 · Nein 0 · Enthaltung 1 · befangen 1');
    expect(lines(first!)).toContain('Abgegeben 3 Stimmen (Enthaltungen nicht mitgezählt)');
    expect(lines(first!)).toContain('Erforderlich einfache Mehrheit der abgegebenen Stimmen');
    expect(lines(first!)).toContain('Ergebnis angenommen');
    expect(flowing(first!)).toContain(
      'Beschluss Die AG Stabile Kieze empfiehlt die Förderung in Höhe von 123.456,78 € mit Rang 1.',
    );

    expect(second).not.toContain('Befangenheit');
    expect(lines(second!)).toContain('Stimmen Ja 1 · Nein 3 · Enthaltung 1 · befangen 0');
    expect(lines(second!)).toContain('Ergebnis abgelehnt');
    expect(flowing(second!)).toContain('Beratung Die Fachbereiche sehen Überschneidungen');
  });

  it('counts abstentions as cast and names the two-thirds majority when the committee rules say so', async () => {
    const input = sessionMinutesInput({
      rules: {
        quorumShare: { numerator: 2, denominator: 3 },
        majority: 'two-thirds',
        abstentionsCountAsCast: true,
      },
    });
    const text = await pdfText(await renderMinutes(input));
    const [first] = itemSections(text);

    expect(lines(first!)).toContain('Abgegeben 4 Stimmen (Enthaltungen mitgezählt)');
    expect(lines(first!)).toContain('Erforderlich Zwei-Drittel-Mehrheit der abgegebenen Stimmen');
    expect(flowing(text)).toContain('Enthaltungen zählen als abgegebene Stimmen.');
  });

  it('decides each item by the rules stored with it, and names who was not there for it', async () => {
    const base = sessionMinutesInput();
    const [item] = base.items;
    const input = sessionMinutesInput({
      procedure: {
        ...sessionOf(base),
        scheduledFor: '2026-12-03T12:30:00Z',
        attendance: [
          ...sessionOf(base).attendance.slice(0, 3),
          {
            name: 'Peter Schmidt',
            department: 'Straßen- und Grünflächenamt',
            role: 'voting',
            status: 'present',
            presentFor: [2],
          },
        ],
      },
      items: [
        {
          ...item!,
          rules: {
            quorumShare: { numerator: 1, denominator: 2 },
            majority: 'two-thirds',
            abstentionsCountAsCast: true,
          },
          votes: [...item!.votes, { name: 'Peter Schmidt', choice: 'absent' }],
          openedWithoutQuorum: { present: 3, required: 4 },
        },
      ],
    });
    const text = await pdfText(await renderMinutes(input));
    const [first] = itemSections(text);

    expect(lines(text)).toContain('Einberufen für 03.12.2026, 13:30 Uhr');
    expect(lines(text)).toContain('Beginn 03.12.2026, 14:00 Uhr');
    expect(flowing(text)).toContain(
      'Peter Schmidt Straßen- und Grünflächenamt stimmberechtigt anwesend (nur TOP 2)',
    );
    expect(lines(first!)).toContain('Peter Schmidt nicht anwesend');
    expect(lines(first!)).toContain('Abgegeben 4 Stimmen (Enthaltungen mitgezählt)');
    expect(lines(first!)).toContain('Erforderlich Zwei-Drittel-Mehrheit der abgegebenen Stimmen');
    expect(flowing(first!)).toContain(
      'Die Abstimmung wurde eröffnet, obwohl das Gremium nicht beschlussfähig war (anwesend 3, erforderlich 4).',
    );
    // The tally counts the votes of those present; an absent member is no missing vote.
    expect(lines(first!)).toContain('Stimmen Ja 3 · Nein 0 · Enthaltung 1 · befangen 1');
  });

  it('records a session that has lost its quorum and took no decision', async () => {
    const base = sessionMinutesInput();
    const [item] = base.items;
    const input = sessionMinutesInput({
      procedure: {
        ...sessionOf(base),
        quorum: { participating: 3, votingMembers: 6, required: 4, met: false },
      },
      items: [
        {
          ...item!,
          quorum: { participating: 3, votingMembers: 6, required: 4, met: false },
          outcome: 'no-quorum',
          decision: undefined,
        },
      ],
    });
    const text = await pdfText(await renderMinutes(input));

    expect(flowing(text)).toContain(
      'erforderlich sind 4 (zwei Drittel). Das Gremium ist nicht beschlussfähig.',
    );
    expect(lines(text)).toContain(
      'Mitgewirkt haben 3 von 6 stimmberechtigten Mitgliedern (erforderlich: 4); nicht beschlussfähig.',
    );
    expect(lines(text)).toContain('Ergebnis keine Beschlussfassung (nicht beschlussfähig)');
  });

  it('is signed by chair and minute-taker, paged, and dated by the day it was drawn up', async () => {
    const pdf = await renderMinutes(sessionMinutesInput());
    const text = await pdfText(pdf);
    const { info, numPages } = await pdfInfo(pdf);

    expect(flowing(text)).toMatch(/Dr\. Ines Schäfer Leitung Jörg Weiß Protokoll Seite \d von \d$/);
    expect(lines(text)).toContain(`Seite ${numPages} von ${numPages}`);
    expect(info).toMatchObject({
      Title: 'Protokoll der Sitzung der AG Stabile Kieze',
      Author: 'Bezirksamt Spandau von Berlin',
      CreationDate: 'D:20261207000000Z',
    });
    expect((await renderMinutes(sessionMinutesInput())).equals(pdf)).toBe(true);
  });

  it('continues an item on the page where a discussion longer than a page ends, leaving no page nearly empty', async () => {
    const sentence = 'Die Fachbereiche beraten ausführlich über Ziele, Kosten und Wirkung des Vorhabens. ';
    const base = sessionMinutesInput();
    const [first, ...rest] = base.items;
    const pdf = await renderMinutes(
      sessionMinutesInput({
        items: [{ ...first!, discussion: `${sentence.repeat(90)}Ende der Beratung.` }, ...rest],
      }),
    );
    const pages = (await pdfText(pdf)).split('\f').map(flowing);
    const discussionEnds = pages.findIndex((page) => page.includes('Ende der Beratung.'));

    expect(pages[discussionEnds]).toContain('Mitgewirkt haben 4 von 6');
  });

  it('is written in English on request', async () => {
    const text = await pdfText(await renderMinutes(sessionMinutesInput({ locale: 'en' })));

    expect(lines(text)).toContain('Minutes of the session of the AG Stabile Kieze');
    expect(lines(text)).toContain('Claudia Groß Schul- und Sportamt voting represented by Björn Krüger');
    expect(lines(text)).toContain('Björn Krüger (substitute for Claudia Groß) Yes');
    expect(lines(text)).toContain('Mehmet Öztürk Recused – took no part');
    expect(lines(text)).toContain('Votes Yes 3 · No 0 · Abstain 1 · Recused 1');
    expect(lines(text)).toContain('Result adopted');
    expect(flowing(text)).toContain('5 of 6 voting members are present; 4 are required (two thirds).');
  });
});

describe('renderMinutes of a written procedure', () => {
  it('records opening, deadline and closing instead of attendance', async () => {
    const text = await pdfText(await renderMinutes(writtenMinutesInput()));

    expect(lines(text)).toContain('Protokoll des Umlaufverfahrens der AG Stabile Kieze');
    expect(lines(text)).toContain('Verfahren Umlaufverfahren (schriftliche Abstimmung)');
    expect(lines(text)).toContain('Eröffnet 10.12.2026, 09:00 Uhr');
    expect(lines(text)).toContain('Frist 17.12.2026, 12:00 Uhr');
    expect(lines(text)).toContain('Abgeschlossen 17.12.2026, 12:00 Uhr');
    expect(text).not.toContain('Anwesenheit');
    expect(text).not.toContain('Ort ');
  });

  it('lists every vote by name with the time it was cast, and who did not vote', async () => {
    const [item] = itemSections(await pdfText(await renderMinutes(writtenMinutesInput())));

    expect(lines(item!)).toContain('Mitglied Stimme Abgegeben am');
    expect(lines(item!)).toContain('Dr. Ines Schäfer Ja 10.12.2026, 10:15 Uhr');
    expect(lines(item!)).toContain('Mehmet Öztürk befangen – nicht mitgewirkt –');
    expect(lines(item!)).toContain('Claudia Groß Ja 11.12.2026, 17:42 Uhr');
    expect(lines(item!)).toContain('Fatma Yılmaz Nein 14.12.2026, 08:05 Uhr');
    expect(lines(item!)).toContain('Peter Schmidt keine Stimme abgegeben –');
    expect(lines(item!)).toContain('Anna Lübke Ja 16.12.2026, 23:59 Uhr');
    expect(lines(item!)).toContain('Stimmen Ja 3 · Nein 1 · Enthaltung 0 · befangen 1 · keine Stimme 1');
    expect(lines(item!)).toContain('Ergebnis angenommen');
  });

  it('shows a vote withdrawn for a conflict declared after voting as a recusal, and counts it so', async () => {
    const input = writtenMinutesInput();
    const [item] = input.items;
    const withdrawnVote = {
      ...input,
      items: [
        {
          ...item!,
          votes: item!.votes.map((vote) =>
            vote.name === 'Claudia Groß' ? { ...vote, choice: 'recused' as const, withdrawn: true } : vote,
          ),
        },
      ],
    };
    const [section] = itemSections(await pdfText(await renderMinutes(withdrawnVote)));

    expect(lines(section!)).toContain('Claudia Groß befangen (zurückgezogen) 11.12.2026, 17:42 Uhr');
    expect(flowing(section!)).toContain(
      'Nach der Stimmabgabe Befangenheit angezeigt; die Stimme wurde zurückgezogen und zählt nicht: Claudia Groß.',
    );
    expect(lines(section!)).toContain('Stimmen Ja 2 · Nein 1 · Enthaltung 0 · befangen 2 · keine Stimme 1');
  });
});

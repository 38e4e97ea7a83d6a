import { pdfInfo, pdfText } from '@kiezfonds/testing';
import { renderGrantNotice } from '../grant-notice/render-grant-notice';
import { renderMinutes } from '../minutes/render-minutes';
import { renderProgrammeList } from '../programme-list/render-programme-list';
import { renderSessionAgenda } from '../session-agenda/render-session-agenda';
import {
  grantNoticeInput,
  programmeListInput,
  sessionAgendaInput,
  sessionMinutesInput,
  spandauOffice,
} from '../testing/fixtures';
import { flowing } from '../testing/lines';

/** Names of Berlin's residents as they are written, with letters outside Latin-1 and WinAnsi. */
const NAMES = ['Mehmet Yılmaz', 'Łukasz Wróbel', 'Ayşe Güneş', 'Nguyễn Thị Hoa'] as const;

describe('every document prints names as they are written', () => {
  it('in the minutes: attendance, votes and signatures', async () => {
    const input = sessionMinutesInput();
    if (input.procedure.kind !== 'session') throw new Error('not a session');
    const attendance = NAMES.map((name) => ({
      name,
      department: 'Amt für Weiterbildung und Kultur',
      role: 'voting' as const,
      status: 'present' as const,
    }));
    const pdf = await renderMinutes({
      ...input,
      chair: NAMES[0],
      procedure: { ...input.procedure, attendance },
      items: input.items.map((item) => ({
        ...item,
        votes: NAMES.map((name) => ({ name, choice: 'yes' as const })),
      })),
    });
    const text = flowing(await pdfText(pdf));

    for (const name of NAMES) {
      expect(text).toContain(`${name} Amt für Weiterbildung und Kultur stimmberechtigt anwesend`);
      expect(text).toContain(`${name} Ja`);
    }
    expect(text).toContain(`Leitung ${NAMES[0]}`);
  });

  it('in the grant notice, the agenda and the priority list, and in the document title', async () => {
    const office = { ...spandauOffice, contact: { ...spandauOffice.contact, name: NAMES[1] } };
    const documents = [
      await renderGrantNotice(
        grantNoticeInput({
          issuer: office,
          recipient: {
            ...grantNoticeInput().recipient,
            name: `Kiezküche ${NAMES[3]} e. V.`,
            legalRepresentatives: [{ name: NAMES[2], role: 'Vorstand' }],
          },
        }),
      ),
      await renderSessionAgenda(
        sessionAgendaInput({
          issuer: office,
          committee: `Kiezrunde ${NAMES[0]}`,
          session: { ...sessionAgendaInput().session, title: `Sitzung mit ${NAMES[0]}` },
        }),
      ),
      await renderProgrammeList(
        programmeListInput({ issuer: office, signatory: { name: NAMES[2], role: 'Leitung' } }),
      ),
    ];
    for (const pdf of documents) {
      const text = flowing(await pdfText(pdf));
      expect(text).toContain(NAMES[1]);
      expect(text).not.toContain('?');
    }
    expect(flowing(await pdfText(documents[0]!))).toContain(`Kiezküche ${NAMES[3]} e. V.`);
    expect(flowing(await pdfText(documents[0]!))).toContain(NAMES[2]);
    expect(flowing(await pdfText(documents[1]!))).toContain(`Sitzung mit ${NAMES[0]}`);
    expect(flowing(await pdfText(documents[2]!))).toContain(NAMES[2]);
    const { info } = await pdfInfo(documents[1]!);
    expect(info.Title).toContain(`Kiezrunde ${NAMES[0]}`);
  });

  it('embeds the font it writes with, so any reader shows the same letters', async () => {
    const pdf = Buffer.from(await renderMinutes(sessionMinutesInput()));
    const raw = pdf.toString('latin1');

    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Bold/);
    expect(raw).not.toContain('/Helvetica');
  });
});

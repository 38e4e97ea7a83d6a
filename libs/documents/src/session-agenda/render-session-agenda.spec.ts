import { pdfInfo, pdfText } from '@kiezfonds/testing';
import { sessionAgendaInput } from '../testing/fixtures';
import { flowing, lines } from '../testing/lines';
import { renderSessionAgenda } from './render-session-agenda';

describe('renderSessionAgenda', () => {
  it('invites to the committee session with date, Berlin time and place', async () => {
    const text = await pdfText(await renderSessionAgenda(sessionAgendaInput()));

    expect(text).toContain('Einladung zur Sitzung der AG Stabile Kieze');
    expect(lines(text)).toContain('4. Sitzung 2026');
    expect(lines(text)).toContain('Gremium AG Stabile Kieze');
    expect(lines(text)).toContain('Beginn 03.12.2026, 14:00 Uhr');
    expect(lines(text)).toContain('Ende (voraussichtlich) 03.12.2026, 16:30 Uhr');
    expect(lines(text)).toContain('Ort Rathaus Spandau, Raum 214 (Sitzungssaal)');
    expect(lines(text)).toContain('19.11.2026');
    expect(flowing(text)).toContain('zeigen Sie ihn bitte vor der Sitzung an');
  });

  it('lists every application with its carrier, requested amount and areas, and the total requested', async () => {
    const text = await pdfText(await renderSessionAgenda(sessionAgendaInput()));
    const all = flowing(text);

    expect(all).toContain('1 Kiezlotsinnen für Familien NWF-2026-0007');
    expect(all).toContain('Nachbarschaftshilfe Falkenhagener Feld e. V.');
    expect(all).toContain('123.456,78 €');
    expect(all).toContain('Falkenhagener Feld Ost, Falkenhagener Feld West');
    expect(all).toContain('2 Grüne Höfe – Mitmachgärten NWF-2026-0011');
    expect(all).toContain('Stadtteilzentrum Heerstraße gGmbH');
    expect(lines(text)).toContain('75.000,00 € Heerstraße Nord');
    expect(lines(text)).toContain('Beantragt insgesamt 198.456,78 €');
    expect(lines(text)).toContain('3 Verschiedenes');
  });

  it('is signed by the coordinator and numbered', async () => {
    const text = await pdfText(await renderSessionAgenda(sessionAgendaInput()));

    expect(lines(text)).toContain('Jörg Weiß');
    expect(lines(text)).toContain('Koordination Sozialer Zusammenhalt');
    expect(lines(text)).toContain('Seite 1 von 1');
  });

  it('runs over several pages with the table header repeated and every page numbered', async () => {
    const [application] = sessionAgendaInput().applications;
    const applications = Array.from({ length: 30 }, (_, index) => ({
      ...application!,
      title: `Projekt Nummer ${index + 1}`,
    }));
    const pdf = await renderSessionAgenda(sessionAgendaInput({ applications }));
    const text = await pdfText(pdf);
    const { numPages } = await pdfInfo(pdf);

    expect(numPages).toBeGreaterThan(1);
    expect(lines(text)).toContain(`Seite ${numPages} von ${numPages}`);
    expect(text.match(/Antrag Träger:in Beantragt Gebiete/g)).toHaveLength(numPages);
    for (let number = 1; number <= 30; number++) expect(text).toContain(`Projekt Nummer ${number}\n`);
    expect(lines(text)).toContain('Beantragt insgesamt 3.703.703,40 €');
  });

  it('is written in English on request', async () => {
    const text = await pdfText(await renderSessionAgenda(sessionAgendaInput({ locale: 'en' })));

    expect(text).toContain('Invitation to the session of the AG Stabile Kieze');
    expect(lines(text)).toContain('Starts 03/12/2026, 14:00');
    expect(lines(text)).toContain('Total requested €198,456.78');
    expect(lines(text)).toContain('Page 1 of 1');
  });
});

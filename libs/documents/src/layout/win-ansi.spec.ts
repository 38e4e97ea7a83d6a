import { toWinAnsi } from './win-ansi';

describe('toWinAnsi', () => {
  it('keeps German letters, the euro sign, typographic quotes and dashes', () => {
    const german = 'Größe ÄÖÜ äöü ß 1.234,56\u00a0€ „Kiez“ – Träger:innen';

    expect(toWinAnsi(german)).toBe(german);
  });

  it('falls back to the base letter for letters the standard fonts lack', () => {
    expect(toWinAnsi('Ayşe Çelik, Łukasz Wąsik, Ğül')).toBe('Ayse Çelik, Lukasz Wasik, Gül');
  });

  it('shows what has no readable fallback as a question mark', () => {
    expect(toWinAnsi('Kiez 🌳 Fest')).toBe('Kiez ? Fest');
    expect(toWinAnsi('مرحبا')).toBe('?????');
  });

  it('keeps the narrow no-break space of some number formats unbroken', () => {
    expect(toWinAnsi('1\u202f234')).toBe('1\u00a0234');
  });
});

/**
 * The standard PDF fonts (Helvetica) carry only the WinAnsi character set. pdfkit writes any
 * other character as a broken code, so a carrier called "Şahin Kültür e. V." would come out as
 * garbage. Letters with diacritics outside the set fall back to their base letter ("Sahin"),
 * which keeps names readable; anything else that cannot be shown becomes "?".
 */

/** Unicode code points outside Latin-1 that WinAnsi (Windows-1252) still has. */
const WIN_ANSI_EXTRAS = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018,
  0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac,
  0x2122,
]);

/** Letters that Unicode does not decompose into base letter plus mark. */
const BASE_LETTERS: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u202f': '\u00a0',
  '\u2009': ' ',
};

function isWinAnsi(codePoint: number): boolean {
  return (
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    codePoint === 0x0a ||
    WIN_ANSI_EXTRAS.has(codePoint)
  );
}

export function toWinAnsi(text: string): string {
  let result = '';
  for (const char of text) {
    if (isWinAnsi(char.codePointAt(0)!)) {
      result += char;
      continue;
    }
    const replacement = BASE_LETTERS[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
    result +=
      [...replacement].every((c) => isWinAnsi(c.codePointAt(0)!)) && replacement !== '' ? replacement : '?';
  }
  return result;
}

/** Splits `;`-separated text into records; `"` quotes a cell (`""` inside is one quote). Blank lines are dropped. */
export function splitCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let touched = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
      continue;
    }
    if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
      touched = true;
    } else if (char === ';') {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      if (touched || cell !== '') records.push([...cells, cell]);
      cells = [];
      cell = '';
      touched = false;
    } else {
      cell += char;
      touched = true;
    }
  }
  if (touched || cell !== '') records.push([...cells, cell]);
  return records;
}

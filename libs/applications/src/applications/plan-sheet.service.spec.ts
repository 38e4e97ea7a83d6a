import { deflateRawSync } from 'node:zlib';
import { Workbook } from 'exceljs';
import { readPlanFile, zipContentSize } from './plan-sheet.service';

/**
 * A one-entry ZIP whose central directory declares `declaredSize` bytes unpacked, whatever the
 * entry really holds: the shape of a zip bomb that lies about its size.
 */
function zipOf(content: Buffer, declaredSize: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = deflateRawSync(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryAt = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

describe('reading a plan file', () => {
  it('measures what a ZIP really unpacks to, stopping at the limit even when it claims less', () => {
    expect(zipContentSize(zipOf(Buffer.alloc(1000, 'a'), 1000), 16 * 1024 * 1024)).toBe(1000);
    // 20 MB of zeros packed into some 20 KB, declared as 100 bytes.
    const bomb = zipOf(Buffer.alloc(20 * 1024 * 1024), 100);
    expect(bomb.length).toBeLessThan(100_000);
    expect(zipContentSize(bomb, 16 * 1024 * 1024)).toBe('too_large');
    expect(zipContentSize(Buffer.from('PK\u0003\u0004 no directory'), 1000)).toBe('unreadable');
  });

  it('refuses such a file before exceljs inflates it', async () => {
    await expect(readPlanFile(zipOf(Buffer.alloc(20 * 1024 * 1024), 100))).rejects.toMatchObject({
      details: [{ field: 'file', rule: 'fileTooLarge', params: { maxMegabytes: 1 } }],
    });
  });

  it('reads the sheets of a workbook exceljs wrote', async () => {
    const book = new Workbook();
    book.addWorksheet('Kostenplan').addRows([
      ['Kassenjahr', 'Kostenart', 'Beschreibung', 'Betrag (€)'],
      [
        2027,
        'Honorare',
        { richText: [{ text: 'Mode' }, { text: 'ration' }] },
        { formula: 'A1', result: 12.5 },
      ],
      [2027, 'Honorare', 'Miete', { formula: '1/0', result: { error: '#DIV/0!' } }],
    ]);
    const sheets = await readPlanFile(Buffer.from(await book.xlsx.writeBuffer()));
    expect(sheets).toEqual({
      costPlan: [
        { row: 1, cells: ['Kassenjahr', 'Kostenart', 'Beschreibung', 'Betrag (€)'] },
        { row: 2, cells: [2027, 'Honorare', 'Moderation', 12.5] },
        { row: 3, cells: [2027, 'Honorare', 'Miete', '#DIV/0!'] },
      ],
    });
  });
});

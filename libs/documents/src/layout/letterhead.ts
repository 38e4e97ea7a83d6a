import { addressLine, type IssuingOffice } from './issuer';
import { contentWidth, FONT, FONT_BOLD, FONT_SIZE, MUTED, type Pdf } from './pdf';

const LABELS = {
  de: { contact: 'Bearbeitung', phone: 'Telefon', email: 'E-Mail' },
  en: { contact: 'Contact', phone: 'Phone', email: 'Email' },
} as const;

const REFERENCE_COLUMN = 330;

/**
 * The head of every document: the district office on the left; on the right, who handles the
 * matter and the document's references (file reference, date, …). A letter also gets the
 * recipient's address where a window envelope shows it.
 */
export function letterhead(
  pdf: Pdf,
  issuer: IssuingOffice,
  references: ReadonlyArray<readonly [string, string]>,
  recipientLines?: readonly string[],
): void {
  const { doc } = pdf;
  const x = doc.page.margins.left;
  const top = doc.page.margins.top;
  const labels = LABELS[pdf.locale];

  doc.font(FONT_BOLD).fontSize(13).fillColor('black');
  doc.text(issuer.district, x, top, { width: REFERENCE_COLUMN - 16 });
  doc.font(FONT).fontSize(FONT_SIZE);
  doc.text(issuer.office, { width: REFERENCE_COLUMN - 16 });
  if (issuer.unit) doc.text(issuer.unit, { width: REFERENCE_COLUMN - 16 });
  doc.fillColor(MUTED).text(addressLine(issuer.address), { width: REFERENCE_COLUMN - 16 });
  const leftBottom = recipientLines ? addressWindow(pdf, issuer, recipientLines) : doc.y;

  const contactRows: Array<readonly [string, string]> = [[labels.contact, issuer.contact.name]];
  if (issuer.contact.phone) contactRows.push([labels.phone, issuer.contact.phone]);
  if (issuer.contact.email) contactRows.push([labels.email, issuer.contact.email]);
  const rightX = x + REFERENCE_COLUMN;
  const rightWidth = contentWidth(doc) - REFERENCE_COLUMN;
  doc.y = top;
  doc.fontSize(8);
  for (const [label, value] of [...contactRows, ...references]) {
    doc.font(FONT).fillColor(MUTED).text(label, rightX, doc.y, { width: rightWidth });
    doc.font(FONT).fillColor('black').text(value, rightX, doc.y, { width: rightWidth });
    doc.moveDown(0.25);
  }
  doc.font(FONT).fontSize(FONT_SIZE).fillColor('black');
  doc.x = x;
  doc.y = Math.max(leftBottom, doc.y) + 18;
}

/**
 * The recipient's address under a small return-address line; DIN 5008 places the window of the
 * envelope 45 mm from the top edge. Answers where the window ends.
 */
function addressWindow(pdf: Pdf, issuer: IssuingOffice, recipientLines: readonly string[]): number {
  const { doc } = pdf;
  const x = doc.page.margins.left;
  const windowTop = Math.max(doc.y + 12, 127);
  doc.font(FONT).fontSize(7).fillColor(MUTED);
  const { street, postalCode, city } = issuer.address;
  doc.text(`${issuer.district} · ${street} · ${postalCode} ${city}`, x, windowTop, {
    width: 250,
    underline: true,
  });
  doc.moveDown(0.5);
  doc.fontSize(FONT_SIZE).fillColor('black');
  for (const line of recipientLines) doc.text(line, x, doc.y, { width: 240 });
  return Math.max(doc.y, windowTop + 110);
}

/**
 * The technical key of a required attachment (`finanzplan_tabelle`), made from the label the
 * coordinator types. Keys are what uploads refer to, so an existing key is never recomputed; a
 * new one avoids the keys already taken and the reserved `other`.
 */
export function attachmentKey(label: string, taken: readonly string[]): string {
  const base =
    label
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 50)
      .replace(/_+$/, '') || 'anlage';
  const start = base === 'other' ? 'other_document' : base;
  let key = start;
  for (let n = 2; taken.includes(key); n++) key = `${start}_${n}`;
  return key;
}

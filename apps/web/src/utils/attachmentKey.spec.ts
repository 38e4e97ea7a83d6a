/// <reference types="jest" />
import { attachmentKey } from './attachmentKey';

describe('keys of required attachments', () => {
  it('makes a key of lower-case letters, digits and underscores from a German label', () => {
    expect(attachmentKey('Finanzplan (Tabelle)', [])).toBe('finanzplan_tabelle');
    expect(attachmentKey('Satzung des Trägers', [])).toBe('satzung_des_traegers');
    expect(attachmentKey('Größe & Maße – Übersicht', [])).toBe('groesse_masse_uebersicht');
    expect(attachmentKey('Café-Konzept', [])).toBe('cafe_konzept');
  });

  it('stays within the 60 characters the API accepts', () => {
    const key = attachmentKey('Eine sehr lange Bezeichnung '.repeat(10), []);
    expect(key.length).toBeLessThanOrEqual(60);
    expect(key).toMatch(/^[a-z0-9_]+$/);
    expect(key.endsWith('_')).toBe(false);
  });

  it('avoids keys already taken and the reserved "other"', () => {
    expect(attachmentKey('Satzung', ['satzung'])).toBe('satzung_2');
    expect(attachmentKey('Satzung', ['satzung', 'satzung_2'])).toBe('satzung_3');
    expect(attachmentKey('Other', [])).toBe('other_document');
  });

  it('falls back to "anlage" for a label without letters or digits', () => {
    expect(attachmentKey('–––', [])).toBe('anlage');
  });
});

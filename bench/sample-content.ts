import { completeContent } from '@kiezfonds/testing';

/**
 * A realistic application content (about 2 kB), as the carriers' form stores it: the tests'
 * complete content (50.000 € requested) with a summary of the length carriers write.
 */
export function sampleContent(areaIds: string[], actionFieldIds: string[]): Record<string, unknown> {
  return completeContent(areaIds, actionFieldIds, {
    summary: 'Kochabende in zwei Kiezen, vorbereitet von Nachbar:innen beider Gebiete. '.repeat(8),
  });
}

import { DEMO_DISTRICTS } from './demo-data';

/**
 * "Spandau Mitte" and "Spandau-Mitte" were two areas with the same words: a newcomer could not
 * tell them apart. Names differ in words, and a place is spelled one way.
 */
const spelling = (name: string) => name.toLowerCase().replace(/[^a-zäöüß]/g, '');

describe('the demo areas (issue 19)', () => {
  it.each(DEMO_DISTRICTS.map((district) => [district.name, district] as const))(
    '%s names each area once, in one spelling',
    (_name, district) => {
      const seen = new Map<string, string>();
      const clashes: string[] = [];
      for (const area of district.areas) {
        const other = seen.get(spelling(area.name));
        if (other) clashes.push(`${other} / ${area.name}`);
        seen.set(spelling(area.name), area.name);
      }
      expect(clashes).toEqual([]);
      const spandauMitte = district.areas.filter((area) => /Spandau.Mitte/.test(area.name));
      expect(spandauMitte.every((area) => area.name.includes('Spandau-Mitte'))).toBe(true);
    },
  );
});

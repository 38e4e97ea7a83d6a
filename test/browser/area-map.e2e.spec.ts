/// <reference lib="dom" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArea } from '@kiezfonds/testing';
import { ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import {
  axeViolations,
  type BrowserApi,
  horizontalOverflow,
  signedInAt,
  startBrowserApi,
  pickFileWithSpace,
  tabTo,
} from './browser-harness';

const square = (lon: number, lat: number) => [
  [
    [lon, lat],
    [lon + 0.01, lat],
    [lon + 0.01, lat + 0.01],
    [lon, lat + 0.01],
    [lon, lat],
  ],
];
const feature = (code: string, lon: number) => ({
  type: 'Feature',
  properties: { PLR_ID: code },
  geometry: { type: 'Polygon', coordinates: square(lon, 52.55) },
});

/**
 * Issue 21: a coordinator imports the areas' outlines (GeoJSON) with the keyboard, a wrong
 * feature named first; the areas page then draws them as a map whose areas are links.
 */
describe('the areas drawn as a map from imported GeoJSON', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let dir: string;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    const db = api.db.dataSource;
    for (const [code, name] of [
      ['05100101', 'Im Spektefeld'],
      ['05100102', 'Germersheimer Weg'],
    ] as const) {
      const { id } = await createArea(db, { districtId: world.district.id, kind: 'planungsraum', name });
      await db.query(`UPDATE area SET code = $2 WHERE id = $1`, [id, code]);
    }
    dir = mkdtempSync(join(tmpdir(), 'umrisse-'));
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('names a wrong feature, then draws the imported outlines as links', async () => {
    const page = await signedInAt(api, world.coordinator.user.email, PASSWORD, '/gebiete');
    const choose = async (name: string, features: unknown[]) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }), 'utf8');
      await tabTo(page, '#umrisse-datei');
      await pickFileWithSpace(page, path);
      await tabTo(page, 'form[aria-labelledby="umrisse-import"] button[type="submit"]');
      await page.keyboard.press('Enter');
    };

    await choose('falsch.geojson', [feature('05100101', 13.15), feature('99999999', 13.17)]);
    const form = page.locator('form[aria-labelledby="umrisse-import"]');
    await form.getByRole('alert').getByText('Objekt 2, PLR_ID', { exact: false }).waitFor();
    expect(await page.locator('svg.area-map').count()).toBe(0);

    await choose('plr.geojson', [feature('05100101', 13.15), feature('05100102', 13.17)]);
    await form.getByText('Die Umrisse sind eingelesen').waitFor();
    const map = page.getByRole('group', { name: 'Karte der Gebiete' });
    await map.getByRole('link', { name: 'Germersheimer Weg: 0,00 €' }).waitFor();
    expect(await map.getByRole('link').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    for (const width of [320, 640]) {
      await page.setViewportSize({ width, height: 800 });
      expect({ width, overflow: await horizontalOverflow(page) }).toEqual({ width, overflow: null });
    }

    // Each area is a link: reached and followed with the keyboard.
    await tabTo(page, 'svg.area-map a[aria-label^="Im Spektefeld"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Im Spektefeld' }).waitFor();
  });
});

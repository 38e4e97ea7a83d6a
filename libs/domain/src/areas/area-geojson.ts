/**
 * Shapes of the areas from GeoJSON (issue 21, item 2: „If GeoJSON of the areas is imported, a
 * map“). Pure, no I/O. A FeatureCollection whose features carry the area's LOR number in a
 * property (`PLR_ID`, as Berlin's open data names it, or `code`) and a Polygon or MultiPolygon
 * in WGS 84 longitude/latitude. Everything or nothing: every problem is named by the feature's
 * number (1 = first) and the member at fault.
 */
import type { CsvProblem, KnownArea } from './indicator-csv';

/** Polygons of one area: polygon → ring → [longitude, latitude]; the first ring is the outline. */
export type AreaShape = number[][][][];

export interface AreaShapeRow {
  areaId: string;
  shape: AreaShape;
}

export type AreaGeoJsonResult = { ok: true; shapes: AreaShapeRow[] } | { ok: false; problems: CsvProblem[] };

/** Bounds so a file cannot make the API or a browser work without end (TRUST.md). */
export const MAX_SHAPE_FEATURES = 2_000;
export const MAX_SHAPE_POINTS = 200_000;
const MAX_PROBLEMS = 200;
const CODE_PROPERTIES = ['PLR_ID', 'plr_id', 'code'] as const;

/** Reads the parsed JSON of a GeoJSON file against the district's areas (by LOR number). */
export function parseAreaGeoJson(json: unknown, areas: readonly KnownArea[]): AreaGeoJsonResult {
  const collection = json as { type?: unknown; features?: unknown };
  if (!isObject(json) || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    return { ok: false, problems: [problem(1, 'type', 'geojsonNotFeatureCollection')] };
  }
  const features = collection.features as unknown[];
  if (features.length === 0) return { ok: false, problems: [problem(1, 'features', 'geojsonNoFeatures')] };
  if (features.length > MAX_SHAPE_FEATURES) {
    return {
      ok: false,
      problems: [
        problem(MAX_SHAPE_FEATURES + 1, 'features', 'geojsonTooManyFeatures', { max: MAX_SHAPE_FEATURES }),
      ],
    };
  }
  const byCode = new Map(areas.filter((a) => a.code).map((a) => [a.code!, a]));
  const problems: CsvProblem[] = [];
  const shapes: AreaShapeRow[] = [];
  const seen = new Map<string, number>();
  let points = 0;
  features.forEach((feature, index) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const number = index + 1;
    const properties = isObject(feature) ? (feature as { properties?: unknown }).properties : undefined;
    const codeValue = isObject(properties)
      ? CODE_PROPERTIES.map((key) => (properties as Record<string, unknown>)[key]).find(
          (v) => v !== undefined,
        )
      : undefined;
    const code =
      typeof codeValue === 'number'
        ? String(codeValue)
        : typeof codeValue === 'string'
          ? codeValue.trim()
          : '';
    const area = byCode.get(code);
    if (!code) problems.push(problem(number, 'PLR_ID', 'required'));
    else if (!area) problems.push(problem(number, 'PLR_ID', 'csvUnknownArea', { value: code.slice(0, 40) }));
    else if (seen.has(area.id)) {
      problems.push(
        problem(number, 'PLR_ID', 'geojsonDuplicateArea', { value: code, first: seen.get(area.id)! }),
      );
    }
    const shape = readGeometry(isObject(feature) ? (feature as { geometry?: unknown }).geometry : undefined);
    if (!shape) problems.push(problem(number, 'geometry', 'geojsonGeometry'));
    else points += shape.reduce((sum, polygon) => sum + polygon.reduce((s, ring) => s + ring.length, 0), 0);
    if (points > MAX_SHAPE_POINTS) {
      problems.push(problem(number, 'geometry', 'geojsonTooManyPoints', { max: MAX_SHAPE_POINTS }));
      return;
    }
    if (area && shape && !seen.has(area.id)) {
      seen.set(area.id, number);
      shapes.push({ areaId: area.id, shape });
    }
  });
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, shapes };
}

/** A Polygon or MultiPolygon as polygons of closed rings of finite lon/lat pairs, or null. */
function readGeometry(geometry: unknown): AreaShape | null {
  if (!isObject(geometry)) return null;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  const polygons = type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : null;
  if (!Array.isArray(polygons) || polygons.length === 0) return null;
  const shape: AreaShape = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return null;
    const rings: number[][][] = [];
    for (const ring of polygon) {
      if (!Array.isArray(ring) || ring.length < 4) return null;
      const points: number[][] = [];
      for (const point of ring) {
        if (!Array.isArray(point) || point.length < 2) return null;
        const [lon, lat] = point as unknown[];
        if (typeof lon !== 'number' || typeof lat !== 'number') return null;
        if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return null;
        // Six decimals are some 10 cm: enough for a map, and it keeps the stored shape small.
        points.push([Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6]);
      }
      const first = points[0]!;
      const last = points[points.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) return null;
      rings.push(points);
    }
    shape.push(rings);
  }
  return shape;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(
  row: number,
  column: string,
  rule: string,
  params: Record<string, string | number> = {},
): CsvProblem {
  return { row, column, rule, params };
}

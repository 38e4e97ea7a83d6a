import { parseAreaGeoJson } from './area-geojson';

const areas = [
  { id: 'plr-1', code: '05100101', name: 'Im Spektefeld', kind: 'planungsraum' },
  { id: 'plr-2', code: '05100102', name: 'Germersheimer Weg', kind: 'planungsraum' },
];
const square = [
  [
    [13.15, 52.55],
    [13.16, 52.55],
    [13.16, 52.56],
    [13.15, 52.56],
    [13.15, 52.55],
  ],
];
const feature = (properties: unknown, geometry: unknown) => ({ type: 'Feature', properties, geometry });

describe('parseAreaGeoJson', () => {
  it('reads Polygons and MultiPolygons by the PLR_ID or code property', () => {
    const result = parseAreaGeoJson(
      {
        type: 'FeatureCollection',
        features: [
          feature({ PLR_ID: '05100101' }, { type: 'Polygon', coordinates: square }),
          feature({ code: 5100102 }, { type: 'MultiPolygon', coordinates: [square, square] }),
        ],
      },
      [...areas, { id: 'num', code: '5100102', name: 'x', kind: 'planungsraum' }],
    );
    expect(result).toEqual({
      ok: true,
      shapes: [
        { areaId: 'plr-1', shape: [square] },
        { areaId: 'num', shape: [square, square] },
      ],
    });
  });

  it('names every wrong feature by its number and member', () => {
    const open = [square[0]!.slice(0, 4)];
    const result = parseAreaGeoJson(
      {
        type: 'FeatureCollection',
        features: [
          feature({ PLR_ID: '05100101' }, { type: 'Polygon', coordinates: square }),
          feature({ PLR_ID: '99999999' }, { type: 'Polygon', coordinates: square }),
          feature({ PLR_ID: '05100102' }, { type: 'Polygon', coordinates: open }),
          feature({}, { type: 'Point', coordinates: [13.1, 52.5] }),
          feature({ PLR_ID: '05100101' }, { type: 'Polygon', coordinates: square }),
        ],
      },
      areas,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { row: 2, column: 'PLR_ID', rule: 'csvUnknownArea', params: { value: '99999999' } },
        { row: 3, column: 'geometry', rule: 'geojsonGeometry', params: {} },
        { row: 4, column: 'PLR_ID', rule: 'required', params: {} },
        { row: 4, column: 'geometry', rule: 'geojsonGeometry', params: {} },
        { row: 5, column: 'PLR_ID', rule: 'geojsonDuplicateArea', params: { value: '05100101', first: 1 } },
      ],
    });
  });

  it('refuses what is not a FeatureCollection, an empty one, and coordinates outside the globe', () => {
    expect(parseAreaGeoJson([], areas)).toMatchObject({
      ok: false,
      problems: [{ rule: 'geojsonNotFeatureCollection' }],
    });
    expect(parseAreaGeoJson({ type: 'FeatureCollection', features: [] }, areas)).toMatchObject({
      ok: false,
      problems: [{ rule: 'geojsonNoFeatures' }],
    });
    const far = [square[0]!.map(([lon, lat]) => [lon! + 400, lat!])];
    expect(
      parseAreaGeoJson(
        {
          type: 'FeatureCollection',
          features: [feature({ PLR_ID: '05100101' }, { type: 'Polygon', coordinates: far })],
        },
        areas,
      ),
    ).toMatchObject({ ok: false, problems: [{ row: 1, column: 'geometry', rule: 'geojsonGeometry' }] });
  });
});

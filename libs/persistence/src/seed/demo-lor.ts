/**
 * Spandau's part of Berlin's LOR planning grid and its social monitoring, for the demo only. The
 * seed imports these tables through the same readers as the import routes (libs/domain,
 * `parseLorCsv` and `parseIndicatorCsv`), so the grid is imported data, not hand-written rows.
 *
 * SAMPLE VALUES: a small excerpt in the layout the Senate publishes. Numbers, names and index
 * values are made up for the demonstration and marked `sample` in the database; the UI labels
 * them „Beispielwerte“. Replace them by importing the Senate's real tables.
 */
export interface DemoLor {
  /** The district's number in the LOR grid (`BEZ`). */
  districtCode: string;
  /** `PLR_ID;PLR_NAME;BZR_ID;BZR_NAME;PGR_ID;PGR_NAME;BEZ` */
  lorCsv: string;
  /** QM area or Aktionsraum slug → the LOR numbers of the Planungsräume it covers. */
  covers: Record<string, string[]>;
  /** `PLR_ID;PLR_NAME;Jahr;Statusindex;Dynamikindex;Status-Dynamik-Index` */
  monitoringCsv: string;
  monitoringFile: string;
  /**
   * Projects of earlier years in the import's layout (`Fonds;Jahr;Träger;Titel;…`), imported by the
   * seed through the same reader as the route, so the five-year chain and the double-funding
   * check have something to compare with. Made up for the demonstration, like the carriers.
   */
  pastProjectsCsv?: string;
  pastProjectsFile?: string;
  /**
   * SAMPLE SHAPES for the map: LOR number → [column, row] of a square in a schematic grid (one row
   * per Bezirksregion). Not the real boundaries; stored as `shape_sample` and labelled
   * „Beispielformen“ on the map. Replace them by importing the real GeoJSON.
   */
  sampleShapeGrid?: Record<string, [number, number]>;
}

/** The schematic grid's squares as a GeoJSON FeatureCollection, west of Berlin's centre. */
export function sampleShapesGeoJson(grid: Record<string, [number, number]>): unknown {
  const size = 0.012;
  return {
    type: 'FeatureCollection',
    features: Object.entries(grid).map(([code, [column, row]]) => {
      const [west, north] = [13.15 + column * size, 52.57 - row * size];
      const [east, south] = [Number((west + size).toFixed(6)), Number((north - size).toFixed(6))];
      const corner = (lon: number, lat: number) => [Number(lon.toFixed(6)), Number(lat.toFixed(6))];
      return {
        type: 'Feature',
        properties: { PLR_ID: code },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              corner(west, north),
              corner(east, north),
              corner(east, south),
              corner(west, south),
              corner(west, north),
            ],
          ],
        },
      };
    }),
  };
}

export const DEMO_LOR: Record<string, DemoLor> = {
  spandau: {
    districtCode: '05',
    lorCsv: [
      'PLR_ID;PLR_NAME;BZR_ID;BZR_NAME;PGR_ID;PGR_NAME;BEZ',
      '05100101;Im Spektefeld;051001;Falkenhagener Feld;0510;Spandau 1;05',
      '05100102;Germersheimer Weg;051001;Falkenhagener Feld;0510;Spandau 1;05',
      '05100103;Westerwaldstraße;051001;Falkenhagener Feld;0510;Spandau 1;05',
      '05200201;Altstadt;052002;Spandau-Mitte;0520;Spandau 2;05',
      '05200202;Neustadt Ost;052002;Spandau-Mitte;0520;Spandau 2;05',
      '05200203;Neustadt West;052002;Spandau-Mitte;0520;Spandau 2;05',
      '05200301;Wilhelmstadt Nord;052003;Wilhelmstadt;0520;Spandau 2;05',
      '05300401;Maulbeerallee;053004;Heerstraße;0530;Spandau 3;05',
      '05300402;Obstallee;053004;Heerstraße;0530;Spandau 3;05',
      '05300501;Brunsbüttler Damm;053005;Brunsbüttler Damm;0530;Spandau 3;05',
    ].join('\n'),
    covers: {
      'qm-falkenhagener-feld-ost': ['05100102'],
      'qm-falkenhagener-feld-west': ['05100101', '05100103'],
      'qm-spandauer-neustadt': ['05200202', '05200203'],
      'qm-heerstrasse-nord': ['05300401', '05300402'],
      'aktionsraum-spandau-mitte': ['05200201', '05200202', '05200203', '05200301'],
    },
    monitoringFile: 'beispielwerte-monitoring-spandau-2023.csv',
    monitoringCsv: [
      'PLR_ID;PLR_NAME;Jahr;Statusindex;Dynamikindex;Status-Dynamik-Index',
      '05100101;Im Spektefeld;2023;-1,12;-0,41;niedrig/negativ',
      '05100102;Germersheimer Weg;2023;-1,87;-0,22;sehr niedrig/stabil',
      '05100103;Westerwaldstraße;2023;-1,35;0,05;sehr niedrig/stabil',
      '05200201;Altstadt;2023;0,18;0,11;mittel/stabil',
      '05200202;Neustadt Ost;2023;-1,64;-0,58;sehr niedrig/negativ',
      '05200203;Neustadt West;2023;-0,92;-0,12;niedrig/stabil',
      '05200301;Wilhelmstadt Nord;2023;-0,31;0,24;mittel/positiv',
      '05300401;Maulbeerallee;2023;-2,05;-0,37;sehr niedrig/negativ',
      '05300402;Obstallee;2023;-1,71;-0,09;sehr niedrig/stabil',
      '05300501;Brunsbüttler Damm;2023;0,62;0,02;hoch/stabil',
    ].join('\n'),
    sampleShapeGrid: {
      '05100101': [0, 0],
      '05100102': [1, 0],
      '05100103': [2, 0],
      '05200201': [1, 1],
      '05200202': [2, 1],
      '05200203': [3, 1],
      '05200301': [2, 2],
      '05300401': [0, 2],
      '05300402': [1, 2],
      '05300501': [3, 2],
    },
    pastProjectsFile: 'beispielprojekte-spandau-2023-2025.csv',
    pastProjectsCsv: [
      'Fonds;Jahr;Träger;Titel;Betrag;Beginn;Ende;Gebiet;Vorgänger',
      'Projektfonds;2023;Nachbarschaftsheim Spandauer Neustadt e.V.;Kiezküche Neustadt;18.500,00;01.03.2023;31.12.2023;05200202;',
      'Projektfonds;2024;Nachbarschaftsheim Spandauer Neustadt e.V.;Kiezküche Neustadt;19.200,00;01.01.2024;31.12.2024;05200202;2',
      'Aktionsfonds;2025;Nachbarschaftsheim Spandauer Neustadt e.V.;Hoffest Lynarstraße;1.500,00;01.06.2025;30.06.2025;05200203;',
      'Aktionsfonds;2025;Stadtteilverein Falkenhagener Feld e.V.;Laternenumzug im Feld;900,00;01.11.2025;30.11.2025;05100103;',
    ].join('\n'),
  },
};

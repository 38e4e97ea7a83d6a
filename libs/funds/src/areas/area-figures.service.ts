import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BERLIN_DISTRICT_NUMBERS,
  BusinessRuleError,
  csvFileInvalid,
  type CsvProblem,
  type KnownArea,
  NotFoundError,
  parseAreaGeoJson,
  parseIndicatorCsv,
  parseLorCsv,
  ValidationError,
} from '@kiezfonds/domain';
import type { Principal, StaffRole } from '@kiezfonds/identity';
import { recordAudit, saveIndicators, saveLorAreas } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import { FUNDS_ERROR_CODES } from '../funds.exception';
import { FundScope } from '../scope/fund-scope';
import { AREA_PROJECTS_CTE } from './area-money';

/** Who reads areas with their figures and money: the district's staff, and the Senate Berlin-wide. */
export const AREA_READER_ROLES: readonly StaffRole[] = [
  'coordinator',
  'finance',
  'board_member',
  'admin',
  'senate',
];
/** Who imports a district's indicator tables: its coordinators and admins; the Senate reads only. */
export const AREA_IMPORT_ROLES: readonly StaffRole[] = ['coordinator', 'admin'];

export interface IndicatorValue {
  indicator: string;
  year: number;
  /** Decimal string with a dot, or null when only a class is given. */
  value: string | null;
  class: string | null;
  unit: string;
  source: string;
  /** Demo figures („Beispielwerte“), never real ones. */
  sample: boolean;
}

export interface AreaListQuery {
  districtId?: string;
  kind?: string;
  /** An indicator key (its latest year counts) or `name`. */
  sort?: string;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

interface ImportInput {
  districtId: string;
  fileName: string;
  text: string;
  dryRun: boolean;
  requestId: string | null;
}

/** Areas beside their indicators and the money that reaches them (issue 21, docs/api/areas.md). */
@Injectable()
export class AreaFiguresService {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal, query: AreaListQuery) {
    const scope = FundScope.of(principal, AREA_READER_ROLES);
    const districts = query.districtId ? [scope.district(query.districtId)] : [...scope.districtIds];
    const sortByIndicator = query.sort !== undefined && query.sort !== 'name';
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const rows = (await this.dataSource.query(
      `WITH ${AREA_PROJECTS_CTE},
       area_money AS (
         SELECT x.area_id, sum(pm.committed_cents) AS committed_cents, sum(pm.paid_cents) AS paid_cents
         FROM (SELECT DISTINCT r.area_id, pa.project_id FROM area_reach r JOIN project_area pa ON pa.area_id = r.via) x
         JOIN project_money pm ON pm.project_id = x.project_id
         GROUP BY x.area_id
       )
       SELECT a.id, a.district_id, d.name AS district_name, a.kind, a.name, a.code, a.shape, a.shape_sample,
              coalesce(m.committed_cents, 0)::text AS committed_cents, coalesce(m.paid_cents, 0)::text AS paid_cents,
              coalesce((
                SELECT jsonb_agg(jsonb_build_object('indicator', i.indicator, 'year', i.year, 'value', i.value::text,
                         'class', i.class, 'unit', i.unit, 'source', i.source, 'sample', i.sample) ORDER BY i.indicator)
                FROM (SELECT DISTINCT ON (indicator) * FROM area_indicator WHERE area_id = a.id
                      ORDER BY indicator, year DESC) i
              ), '[]'::jsonb) AS indicators
       FROM area a JOIN district d ON d.id = a.district_id
       LEFT JOIN area_money m ON m.area_id = a.id
       ${
         sortByIndicator
           ? `LEFT JOIN LATERAL (SELECT value FROM area_indicator WHERE area_id = a.id AND indicator = $3
                ORDER BY year DESC LIMIT 1) s ON true`
           : ''
       }
       WHERE a.district_id = ANY($1::uuid[]) AND ($2::text IS NULL OR a.kind = $2)
       ORDER BY ${sortByIndicator ? `s.value ${direction} NULLS LAST, ` : ''}lower(a.name) ${sortByIndicator ? 'ASC' : direction}, a.id
       LIMIT ${query.limit + 1} OFFSET ${query.offset}`,
      sortByIndicator ? [districts, query.kind ?? null, query.sort] : [districts, query.kind ?? null],
    )) as {
      id: string;
      district_id: string;
      district_name: string;
      kind: string;
      name: string;
      code: string | null;
      committed_cents: string;
      paid_cents: string;
      indicators: IndicatorValue[];
      shape: number[][][][] | null;
      shape_sample: boolean;
    }[];
    const indicatorKeys = (await this.dataSource.query(
      `SELECT DISTINCT indicator FROM area_indicator WHERE district_id = ANY($1::uuid[]) ORDER BY indicator`,
      [districts],
    )) as { indicator: string }[];
    return {
      items: rows.slice(0, query.limit).map((row) => ({
        id: row.id,
        districtId: row.district_id,
        districtName: row.district_name,
        kind: row.kind,
        name: row.name,
        code: row.code,
        committedCents: row.committed_cents,
        paidCents: row.paid_cents,
        indicators: row.indicators,
        // The outline for the map ([longitude, latitude] rings), when imported; a sample is labelled.
        shape: row.shape,
        shapeSample: row.shape_sample,
      })),
      hasMore: rows.length > query.limit,
      indicators: indicatorKeys.map((r) => r.indicator),
    };
  }

  async detail(principal: Principal, areaId: string) {
    const scope = FundScope.of(principal, AREA_READER_ROLES);
    const [area] = (await this.dataSource.query(
      `SELECT a.id, a.district_id, d.name AS district_name, a.kind, a.name, a.code, a.slug
       FROM area a JOIN district d ON d.id = a.district_id
       WHERE a.id = $1 AND a.district_id = ANY($2::uuid[])`,
      [areaId, scope.districtIds],
    )) as {
      id: string;
      district_id: string;
      district_name: string;
      kind: string;
      name: string;
      code: string | null;
      slug: string;
    }[];
    if (!area) throw new NotFoundError('area_not_found');
    const districts = [area.district_id];
    const [ancestors, children, covers, coveredBy, indicators, byFund, byField] = await Promise.all([
      this.dataSource.query(
        `WITH RECURSIVE up AS (
           SELECT p.id, p.parent_id, p.kind, p.name, p.code, 1 AS depth FROM area p
           WHERE p.id = (SELECT parent_id FROM area WHERE id = $1)
           UNION ALL
           SELECT p.id, p.parent_id, p.kind, p.name, p.code, up.depth + 1 FROM area p JOIN up ON p.id = up.parent_id
           WHERE up.depth < 10
         ) SELECT id, kind, name, code FROM up ORDER BY depth DESC`,
        [area.id],
      ) as Promise<AreaRef[]>,
      this.dataSource.query(
        `SELECT id, kind, name, code FROM area WHERE parent_id = $1 ORDER BY code, lower(name)`,
        [area.id],
      ) as Promise<AreaRef[]>,
      this.dataSource.query(
        `SELECT a.id, a.kind, a.name, a.code FROM area_cover c JOIN area a ON a.id = c.planungsraum_id
         WHERE c.area_id = $1 ORDER BY a.code, lower(a.name)`,
        [area.id],
      ) as Promise<AreaRef[]>,
      this.dataSource.query(
        `SELECT a.id, a.kind, a.name, a.code FROM area_cover c JOIN area a ON a.id = c.area_id
         WHERE c.planungsraum_id = $1 ORDER BY lower(a.name)`,
        [area.id],
      ) as Promise<AreaRef[]>,
      this.dataSource.query(
        `SELECT indicator, year, value::text AS value, class, unit, source, sample FROM area_indicator
         WHERE area_id = $1 ORDER BY year DESC, indicator`,
        [area.id],
      ) as Promise<IndicatorValue[]>,
      this.dataSource.query(
        `WITH ${AREA_PROJECTS_CTE}
         SELECT pm.fund_kind, count(*)::int AS projects,
                sum(pm.committed_cents)::text AS committed_cents, sum(pm.paid_cents)::text AS paid_cents
         FROM (SELECT DISTINCT pa.project_id FROM area_reach r JOIN project_area pa ON pa.area_id = r.via
               WHERE r.area_id = $2) x
         JOIN project_money pm ON pm.project_id = x.project_id
         GROUP BY pm.fund_kind ORDER BY pm.fund_kind`,
        [districts, area.id],
      ) as Promise<{ fund_kind: string; projects: number; committed_cents: string; paid_cents: string }[]>,
      this.dataSource.query(
        `WITH ${AREA_PROJECTS_CTE}
         SELECT pm.fund_kind, x.action_field_id, af.name AS action_field_name, count(*)::int AS projects,
                sum(pm.committed_cents)::text AS committed_cents, sum(pm.paid_cents)::text AS paid_cents
         FROM (SELECT DISTINCT pa.project_id, pa.action_field_id FROM area_reach r
               JOIN project_area pa ON pa.area_id = r.via WHERE r.area_id = $2) x
         JOIN project_money pm ON pm.project_id = x.project_id
         LEFT JOIN action_field af ON af.id::text = x.action_field_id
         GROUP BY pm.fund_kind, x.action_field_id, af.name
         ORDER BY pm.fund_kind, af.name NULLS LAST`,
        [districts, area.id],
      ) as Promise<
        {
          fund_kind: string;
          action_field_id: string | null;
          action_field_name: string | null;
          projects: number;
          committed_cents: string;
          paid_cents: string;
        }[]
      >,
    ]);
    const total = byFund.reduce(
      (sum, r) => ({
        committed: sum.committed + BigInt(r.committed_cents),
        paid: sum.paid + BigInt(r.paid_cents),
      }),
      { committed: 0n, paid: 0n },
    );
    return {
      id: area.id,
      districtId: area.district_id,
      districtName: area.district_name,
      kind: area.kind,
      name: area.name,
      code: area.code,
      ancestors,
      children,
      covers,
      coveredBy,
      indicators,
      money: {
        committedCents: total.committed.toString(),
        paidCents: total.paid.toString(),
        byFundKind: byFund.map((r) => ({
          fundKind: r.fund_kind,
          projects: r.projects,
          committedCents: r.committed_cents,
          paidCents: r.paid_cents,
        })),
        byActionField: byField.map((r) => ({
          fundKind: r.fund_kind,
          actionFieldId: r.action_field_id,
          actionFieldName: r.action_field_name,
          projects: r.projects,
          committedCents: r.committed_cents,
          paidCents: r.paid_cents,
        })),
      },
    };
  }

  /**
   * Sets which Planungsräume a QM area or Aktionsraum covers (the whole set; an empty list clears
   * it). Planungsräume of another district, or areas that are not Planungsräume, are refused by
   * position. Audited with the set before and after.
   */
  async setCovers(
    principal: Principal,
    areaId: string,
    planungsraumIds: readonly string[],
    requestId: string | null,
  ) {
    const scope = FundScope.of(principal, AREA_IMPORT_ROLES);
    const [area] = (await this.dataSource.query(
      `SELECT district_id, kind FROM area WHERE id = $1 AND district_id = ANY($2::uuid[])`,
      [areaId, scope.districtIds],
    )) as { district_id: string; kind: string }[];
    if (!area) throw new NotFoundError('area_not_found');
    if (area.kind !== 'qm_area' && area.kind !== 'aktionsraum')
      throw new BusinessRuleError('area_cannot_cover');
    const found = (await this.dataSource.query(
      `SELECT id FROM area WHERE id = ANY($1::uuid[]) AND district_id = $2 AND kind = 'planungsraum'`,
      [planungsraumIds, area.district_id],
    )) as { id: string }[];
    const known = new Set(found.map((r) => r.id));
    const problems = planungsraumIds.flatMap((id, i) =>
      known.has(id) ? [] : [{ field: `planungsraumIds.${i}`, rule: 'notInDistrict' }],
    );
    if (problems.length > 0) throw new ValidationError(problems);
    const ids = [...known];
    await this.dataSource.transaction(async (tx) => {
      const [before] = (await tx.query(
        `SELECT coalesce(array_agg(planungsraum_id::text ORDER BY planungsraum_id), '{}') AS ids
         FROM area_cover WHERE area_id = $1`,
        [areaId],
      )) as { ids: string[] }[];
      await tx.query(
        `DELETE FROM area_cover WHERE area_id = $1 AND NOT (planungsraum_id = ANY($2::uuid[]))`,
        [areaId, ids],
      );
      await tx.query(
        `INSERT INTO area_cover (district_id, area_id, planungsraum_id)
         SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
        [area.district_id, areaId, ids],
      );
      await recordAudit(tx, {
        entityType: 'area',
        entityId: areaId,
        action: 'covers_set',
        actorId: principal.userId,
        districtId: area.district_id,
        payload: { before: before!.ids, after: [...ids].sort() },
        requestId,
      });
    });
    return this.detail(principal, areaId);
  }

  /**
   * Imports the district's part of Berlin's LOR table (the Senate publishes the whole city in one
   * file; rows of other districts are skipped): Prognoseräume, Bezirksregionen and Planungsräume
   * with their numbers and parents. Admins only: the grid is the frame every figure hangs on.
   */
  async importLor(principal: Principal, input: Omit<ImportInput, 'dryRun'>) {
    const districtId = FundScope.of(principal, ['admin']).district(input.districtId);
    const [district] = (await this.dataSource.query(`SELECT name FROM district WHERE id = $1`, [
      districtId,
    ])) as { name: string }[];
    const number = BERLIN_DISTRICT_NUMBERS[district!.name];
    if (!number) throw new BusinessRuleError('district_not_in_lor_grid');
    const result = parseLorCsv(input.text, number);
    if (!result.ok) throw fileInvalid(result.problems);
    const importId = randomUUID();
    const summary = {
      areas: result.areas.length,
      planungsraeume: result.areas.filter((a) => a.kind === 'planungsraum').length,
    };
    await this.dataSource.transaction(async (tx) => {
      await saveLorAreas(tx, districtId, result.areas);
      await recordAudit(tx, {
        entityType: 'lor_import',
        entityId: importId,
        action: 'imported',
        actorId: principal.userId,
        districtId,
        payload: { fileName: input.fileName, ...summary },
        requestId: input.requestId,
      });
    });
    return { importId, ...summary };
  }

  /**
   * Imports an indicator table for one district: all rows or none. A dry run checks and counts
   * without saving. A value already held for the same area, year and indicator is replaced, so a
   * corrected table can be imported again.
   */
  async importIndicators(principal: Principal, input: ImportInput) {
    const districtId = FundScope.of(principal, AREA_IMPORT_ROLES).district(input.districtId);
    const areas = (await this.dataSource.query(
      `SELECT id, code, name, kind FROM area WHERE district_id = $1`,
      [districtId],
    )) as KnownArea[];
    const result = parseIndicatorCsv(input.text, areas);
    if (!result.ok) throw fileInvalid(result.problems);
    const summary = {
      layout: result.layout,
      rows: new Set(result.rows.map((r) => r.row)).size,
      values: result.rows.length,
      areas: new Set(result.rows.map((r) => r.areaId)).size,
      years: [...new Set(result.rows.map((r) => r.year))].sort(),
    };
    if (input.dryRun) return { dryRun: true, importId: null, ...summary };
    const importId = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      await saveIndicators(tx, districtId, result.rows, {
        importId,
        fileName: input.fileName,
        actorId: principal.userId,
        sample: false,
      });
      await recordAudit(tx, {
        entityType: 'area_indicator_import',
        entityId: importId,
        action: 'imported',
        actorId: principal.userId,
        districtId,
        payload: { fileName: input.fileName, ...summary },
        requestId: input.requestId,
      });
    });
    return { dryRun: false, importId, ...summary };
  }

  /**
   * Imports the outlines of the district's areas from GeoJSON, for the map: all features or none.
   * An area not in the file keeps its shape; one in it gets the new shape (no longer a sample).
   */
  async importShapes(
    principal: Principal,
    input: { districtId: string; fileName: string; json: unknown; dryRun: boolean; requestId: string | null },
  ) {
    const districtId = FundScope.of(principal, AREA_IMPORT_ROLES).district(input.districtId);
    const areas = (await this.dataSource.query(
      `SELECT id, code, name, kind FROM area WHERE district_id = $1`,
      [districtId],
    )) as KnownArea[];
    const result = parseAreaGeoJson(input.json, areas);
    if (!result.ok) throw csvFileInvalid(result.problems, FUNDS_ERROR_CODES.areaShapesFileInvalid);
    const summary = { areas: result.shapes.length };
    if (input.dryRun) return { dryRun: true, importId: null, ...summary };
    const importId = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      for (const row of result.shapes) {
        await tx.query(
          `UPDATE area SET shape = $3, shape_sample = false WHERE id = $1 AND district_id = $2`,
          [row.areaId, districtId, JSON.stringify(row.shape)],
        );
      }
      await recordAudit(tx, {
        entityType: 'area_shape_import',
        entityId: importId,
        action: 'imported',
        actorId: principal.userId,
        districtId,
        payload: { fileName: input.fileName, ...summary },
        requestId: input.requestId,
      });
    });
    return { dryRun: false, importId, ...summary };
  }
}

interface AreaRef {
  id: string;
  kind: string;
  name: string;
  code: string | null;
}

/** A table's problems as a 400 whose details name the row and the column of each. */
function fileInvalid(problems: readonly CsvProblem[]): ValidationError {
  return csvFileInvalid(problems, FUNDS_ERROR_CODES.indicatorFileInvalid);
}

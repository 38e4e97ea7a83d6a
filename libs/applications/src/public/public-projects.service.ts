import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { type FundKind, NotFoundError } from '@kiezfonds/domain';
import { CSV_BOM, csvLine, csvText, FUND_KIND_LABELS, germanDate, germanDecimal } from '@kiezfonds/funds';

/** A funded project as the public may see it: nothing about people, only what the notice fixed. */
export interface PublicProject {
  reference: string;
  title: string;
  carrier: string;
  district: { slug: string; name: string };
  fundKind: string;
  programmeYear: number;
  amountCents: number;
  periodStart: string;
  periodEnd: string;
  areas: string[];
  actionFields: string[];
}

export interface PublicProjectFilter {
  district?: string;
  programmeYear?: number;
}

/**
 * States in which a grant notice exists and has not been taken back: approved, under way,
 * reported or closed. A withdrawn or revoked project is not listed.
 */
const FUNDED_STATES = ['approved', 'in_implementation', 'final_report_submitted', 'completed'];

/**
 * The public list of funded projects (issue 21): only projects whose carriers consented to
 * publication in the declarations of their application; a refusal, or no answer, keeps the
 * project out. One set-based query; the areas and action fields are named as the district names
 * them. docs/api/public-projects.md describes the open-data format.
 */
@Injectable()
export class PublicProjectService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: PublicProjectFilter): Promise<PublicProject[]> {
    if (filter.district !== undefined) {
      const found = (await this.dataSource.query(`SELECT 1 FROM district WHERE slug = $1`, [
        filter.district,
      ])) as unknown[];
      if (found.length === 0) throw new NotFoundError('district_not_found');
    }
    const rows = (await this.dataSource.query(
      `SELECT a.reference, a.title, o.name AS carrier, d.slug AS district_slug, d.name AS district_name,
              c.fund_kind, c.programme_year, n.amount_cents::text AS amount_cents,
              n.period_start::text AS period_start, n.period_end::text AS period_end,
              ARRAY(SELECT ar.name FROM area ar
                     WHERE ar.district_id = c.district_id
                       AND ar.id::text IN (SELECT jsonb_array_elements_text(COALESCE(a.content->'areaIds', '[]')))
                     ORDER BY ar.name) AS areas,
              ARRAY(SELECT f.name FROM action_field f
                     WHERE f.district_id = c.district_id
                       AND f.id::text IN (SELECT jsonb_array_elements_text(COALESCE(a.content->'actionFieldIds', '[]')))
                     ORDER BY f.name) AS action_fields
         FROM application a
         JOIN call c ON c.id = a.call_id
         JOIN district d ON d.id = c.district_id
         JOIN organisation o ON o.id = a.organisation_id
         JOIN grant_notice n ON n.application_id = a.id
        WHERE a.state = ANY($1)
          AND a.content->'declarations'->'transparencyConsent' = 'true'::jsonb
          AND ($2::text IS NULL OR d.slug = $2)
          AND ($3::int IS NULL OR c.programme_year = $3)
        ORDER BY d.slug, c.programme_year DESC, a.reference`,
      [FUNDED_STATES, filter.district ?? null, filter.programmeYear ?? null],
    )) as PublicProjectRow[];
    return rows.map((row) => ({
      reference: row.reference,
      title: row.title,
      carrier: row.carrier,
      district: { slug: row.district_slug, name: row.district_name },
      fundKind: row.fund_kind,
      programmeYear: row.programme_year,
      amountCents: Number(row.amount_cents),
      periodStart: row.period_start,
      periodEnd: row.period_end,
      areas: row.areas,
      actionFields: row.action_fields,
    }));
  }

  /** The same list as CSV in the German format of every kiezfonds export (`;`, `1.234,56`, `22.11.2026`). */
  writeCsv(out: Writable, projects: readonly PublicProject[]): Promise<void> {
    out.write(CSV_BOM + csvLine(PUBLIC_CSV_HEADER));
    for (const project of projects) {
      out.write(
        csvLine([
          csvText(project.reference),
          csvText(project.title),
          csvText(project.carrier),
          csvText(project.district.name),
          csvText(FUND_KIND_LABELS[project.fundKind as FundKind] ?? project.fundKind),
          String(project.programmeYear),
          germanDecimal(String(project.amountCents)),
          germanDate(project.periodStart),
          germanDate(project.periodEnd),
          csvText(project.areas.join(', ')),
          csvText(project.actionFields.join(', ')),
        ]),
      );
    }
    out.end();
    return Promise.resolve();
  }
}

export const PUBLIC_CSV_HEADER = [
  'Aktenzeichen',
  'Projekttitel',
  'Träger:in',
  'Bezirk',
  'Fonds',
  'Programmjahr',
  'Fördersumme (€)',
  'Beginn',
  'Ende',
  'Gebiete',
  'Handlungsfelder',
];

interface PublicProjectRow {
  reference: string;
  title: string;
  carrier: string;
  district_slug: string;
  district_name: string;
  fund_kind: string;
  programme_year: number;
  amount_cents: string;
  period_start: string;
  period_end: string;
  areas: string[];
  action_fields: string[];
}

import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@kiezfonds/domain';
import { DataSource } from 'typeorm';

/** The kinds of area of DOMAIN.md ("Action fields and areas"), as the `area` table holds them. */
export type AreaKind = 'prognoseraum' | 'bezirksregion' | 'planungsraum' | 'qm_area' | 'aktionsraum';

export interface AreaView {
  id: string;
  kind: AreaKind;
  name: string;
  slug: string;
  /** The enclosing area of Berlin's planning grid, if any. */
  parentId: string | null;
}

export interface ActionFieldView {
  id: string;
  name: string;
  slug: string;
}

/**
 * A district's areas and action fields. They are public facts of the programme (the Senate
 * publishes them), and carriers need them to fill in an application, so every signed-in user may
 * read those of any district; only the district itself must exist.
 */
@Injectable()
export class DistrictReferenceService {
  constructor(private readonly dataSource: DataSource) {}

  async areas(districtId: string): Promise<{ districtId: string; items: AreaView[] }> {
    await this.existing(districtId);
    const items = (await this.dataSource.query(
      `SELECT id, kind, name, slug, parent_id AS "parentId" FROM area WHERE district_id = $1
       ORDER BY lower(name), id`,
      [districtId],
    )) as AreaView[];
    return { districtId, items };
  }

  async actionFields(districtId: string): Promise<{ districtId: string; items: ActionFieldView[] }> {
    await this.existing(districtId);
    const items = (await this.dataSource.query(
      `SELECT id, name, slug FROM action_field WHERE district_id = $1 ORDER BY lower(name), id`,
      [districtId],
    )) as ActionFieldView[];
    return { districtId, items };
  }

  private async existing(districtId: string): Promise<void> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM district WHERE id = $1`, [
      districtId,
    ])) as unknown[];
    if (rows.length === 0) throw new NotFoundError();
  }
}

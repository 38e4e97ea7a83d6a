import { Injectable } from '@nestjs/common';
import {
  BusinessRuleError,
  type ErrorDetail,
  FUND_KINDS,
  type FundKind,
  isTrackedFundKind,
  NotFoundError,
  ValidationError,
} from '@kiezfonds/domain';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { Db } from '../balances/balance-rows';
import { FUNDS_ERROR_CODES } from '../funds.exception';

export interface Fund {
  id: string;
  districtId: string;
  kind: FundKind;
  /** The QM area of an Aktions-, Projekt- or Baufonds; null for the Netzwerkfonds. */
  areaId: string | null;
  name: string;
}

export interface CreateFund {
  districtId: string;
  kind: FundKind;
  areaId?: string | null;
  name: string;
  actorId: string;
  requestId?: string | null;
}

interface FundRow {
  id: string;
  district_id: string;
  kind: FundKind;
  area_id: string | null;
  name: string;
}

const fundOf = (row: FundRow): Fund => ({
  id: row.id,
  districtId: row.district_id,
  kind: row.kind,
  areaId: row.area_id,
  name: row.name,
});

/** The funds of a district: one Netzwerkfonds, and per QM area an Aktions-, Projekt- and Baufonds. */
@Injectable()
export class FundService {
  constructor(private readonly dataSource: DataSource) {}

  async create(tx: EntityManager, input: CreateFund): Promise<Fund> {
    const problems: ErrorDetail[] = [];
    if (!(FUND_KINDS as readonly string[]).includes(input.kind))
      problems.push({ field: 'kind', rule: 'isIn' });
    const areaId = input.areaId ?? null;
    if (isTrackedFundKind(input.kind) && !areaId) problems.push({ field: 'areaId', rule: 'required' });
    if (input.kind === 'netzwerkfonds' && areaId) problems.push({ field: 'areaId', rule: 'unknown_field' });
    if (input.name.trim() === '') problems.push({ field: 'name', rule: 'isNotEmpty' });
    if (problems.length > 0) throw new ValidationError(problems);
    if (areaId) {
      const [area] = (await tx.query(`SELECT kind FROM area WHERE id = $1 AND district_id = $2`, [
        areaId,
        input.districtId,
      ])) as { kind: string }[];
      if (!area || area.kind !== 'qm_area') throw new ValidationError([{ field: 'areaId', rule: 'qmArea' }]);
    }
    const [row] = (await tx.query(
      `INSERT INTO fund (district_id, kind, area_id, name) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT fund_unique DO NOTHING
       RETURNING id, district_id, kind, area_id, name`,
      [input.districtId, input.kind, areaId, input.name.trim()],
    )) as FundRow[];
    if (!row) throw new BusinessRuleError(FUNDS_ERROR_CODES.fundExists);
    await recordAudit(tx, {
      entityType: 'fund',
      entityId: row.id,
      action: 'create',
      actorId: input.actorId,
      districtId: row.district_id,
      requestId: input.requestId ?? null,
      payload: { kind: row.kind, areaId: row.area_id },
    });
    return fundOf(row);
  }

  async get(fundId: string, db: Db = this.dataSource): Promise<Fund> {
    const [row] = (await db.query(`SELECT id, district_id, kind, area_id, name FROM fund WHERE id = $1`, [
      fundId,
    ])) as FundRow[];
    if (!row) throw new NotFoundError(FUNDS_ERROR_CODES.fundNotFound);
    return fundOf(row);
  }

  /** The district's funds: the Netzwerkfonds first, then by area and kind. */
  async listForDistrict(districtId: string, db: Db = this.dataSource): Promise<Fund[]> {
    const rows = (await db.query(
      `SELECT f.id, f.district_id, f.kind, f.area_id, f.name FROM fund f LEFT JOIN area a ON a.id = f.area_id
       WHERE f.district_id = $1 ORDER BY f.area_id IS NOT NULL, a.name, f.kind`,
      [districtId],
    )) as FundRow[];
    return rows.map(fundOf);
  }
}

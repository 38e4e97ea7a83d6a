import { Injectable } from '@nestjs/common';
import type { FundKind } from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { DataSource, EntityManager } from 'typeorm';
import { type FundYearBalanceRow, fundYearBalanceOf, withFigures } from '../balances/balance-rows';
import { type FiguresJson, figuresJson } from '../balances/figures-json';
import { FUND_KIND_LABELS } from '../exports/labels';
import type { CreateFundDto, FundFilterDto } from '../http/dtos/funds.dto';
import { FUND_READER_ROLES, FundScope } from '../scope/fund-scope';
import { type Fund, FundService } from './fund.service';

/** A fund as the API shows it, with the names of its district and area. */
export interface FundView {
  id: string;
  districtId: string;
  districtName: string;
  kind: FundKind;
  areaId: string | null;
  areaName: string | null;
  name: string;
}

export interface FundWithBalance extends FundView {
  balance: FiguresJson & { programmeYear: number; entryCount: number };
}

interface FundViewRow extends FundYearBalanceRow {
  id: string;
  district_id: string;
  district_name: string;
  kind: FundKind;
  area_id: string | null;
  area_name: string | null;
  name: string;
  entry_count: string;
}

const FUND_COLUMNS = `f.id, f.district_id, d.name AS district_name, f.kind, f.area_id, a.name AS area_name, f.name`;
const FUND_FROM = `fund f JOIN district d ON d.id = f.district_id LEFT JOIN area a ON a.id = f.area_id`;

function fundViewOf(row: FundViewRow): FundView {
  return {
    id: row.id,
    districtId: row.district_id,
    districtName: row.district_name,
    kind: row.kind,
    areaId: row.area_id,
    areaName: row.area_name,
    name: row.name,
  };
}

/** The funds a caller sees (their districts'), with balances, and the creation of new funds. */
@Injectable()
export class FundDirectoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly funds: FundService,
  ) {}

  /** The caller's funds with their balance in `programmeYear` (zero where nothing is booked yet). */
  async list(
    principal: Principal,
    programmeYear: number,
    filter: FundFilterDto,
    page: { limit: number; offset: number },
  ): Promise<{ items: FundWithBalance[]; total: number }> {
    const scope = FundScope.of(principal, FUND_READER_ROLES);
    if (filter.districtId !== undefined) scope.district(filter.districtId);
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = [scope.condition('f', bind(scope.districtIds))];
    if (filter.districtId !== undefined) where.push(`f.district_id = ${bind(filter.districtId)}`);
    if (filter.kind !== undefined) where.push(`f.kind = ${bind(filter.kind)}`);
    if (filter.areaId !== undefined) where.push(`f.area_id = ${bind(filter.areaId)}`);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM fund f WHERE ${where.join(' AND ')}`,
      params,
    )) as [{ total: number }];
    const rows = (await this.dataSource.query(
      `SELECT ${FUND_COLUMNS},
              coalesce(b.budget_cents, 0)::text AS budget_cents, coalesce(b.committed_cents, 0)::text AS committed_cents,
              coalesce(b.disbursed_cents, 0)::text AS disbursed_cents, coalesce(b.repaid_cents, 0)::text AS repaid_cents,
              coalesce(b.entry_count, 0)::text AS entry_count
       FROM ${FUND_FROM}
       LEFT JOIN fund_year_balance b ON b.fund_id = f.id AND b.programme_year = ${bind(programmeYear)}
       WHERE ${where.join(' AND ')}
       ORDER BY d.name, f.area_id IS NOT NULL, a.name, f.kind, f.id
       LIMIT ${bind(page.limit)} OFFSET ${bind(page.offset)}`,
      params,
    )) as FundViewRow[];
    return {
      items: rows.map((row) => ({
        ...fundViewOf(row),
        balance: {
          programmeYear,
          entryCount: Number(row.entry_count),
          ...figuresJson(withFigures(fundYearBalanceOf(row))),
        },
      })),
      total,
    };
  }

  /** The fund if it is one of the caller's districts'; 404 `fund_not_found` otherwise. */
  scoped(principal: Principal, fundId: string): Promise<Fund> {
    return FundScope.of(principal).fund(this.dataSource, fundId);
  }

  /** The fund if the caller may read it (finance, admin, the Senate); 404 `fund_not_found` otherwise. */
  readable(principal: Principal, fundId: string): Promise<Fund> {
    return FundScope.of(principal, FUND_READER_ROLES).fund(this.dataSource, fundId);
  }

  /** One fund the caller may read; 404 otherwise. */
  async get(principal: Principal, fundId: string): Promise<FundView> {
    const fund = await this.readable(principal, fundId);
    return this.view(fund.id);
  }

  /**
   * A new fund in one of the caller's districts: the Netzwerkfonds of the district, or an Aktions-,
   * Projekt- or Baufonds of one of its QM areas. Without a name it is named after kind and
   * district or area.
   */
  async create(principal: Principal, input: CreateFundDto, requestId: string | null): Promise<FundView> {
    const districtId = FundScope.of(principal).district(input.districtId);
    const fund = await this.dataSource.transaction(async (tx) => {
      const name = input.name ?? (await this.defaultName(tx, input));
      return this.funds.create(tx, {
        districtId,
        kind: input.kind,
        areaId: input.areaId ?? null,
        name,
        actorId: principal.userId,
        requestId,
      });
    });
    return this.view(fund.id);
  }

  private async defaultName(db: EntityManager, input: CreateFundDto): Promise<string> {
    const label = FUND_KIND_LABELS[input.kind];
    const [place] = (await (input.areaId
      ? db.query(`SELECT name FROM area WHERE id = $1 AND district_id = $2`, [input.areaId, input.districtId])
      : db.query(`SELECT name FROM district WHERE id = $1`, [input.districtId]))) as { name: string }[];
    // An unknown area is reported by FundService with the field it belongs to.
    return place ? `${label} ${place.name}` : label;
  }

  private async view(fundId: string): Promise<FundView> {
    const [row] = (await this.dataSource.query(`SELECT ${FUND_COLUMNS} FROM ${FUND_FROM} WHERE f.id = $1`, [
      fundId,
    ])) as FundViewRow[];
    return fundViewOf(row!);
  }
}

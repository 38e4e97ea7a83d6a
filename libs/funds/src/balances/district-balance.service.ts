import { Injectable } from '@nestjs/common';
import { EMPTY_FUND_YEAR_BALANCE, type FundYearBalance, NotFoundError } from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { DataSource } from 'typeorm';
import { fileSlug } from '../exports/german-format';
import { FUND_READER_ROLES, FundScope } from '../scope/fund-scope';
import { withFigures } from './balance-rows';
import { BalanceService } from './balance.service';
import { actionFieldJson, areaJson, figuresJson, fundYearJson } from './figures-json';

/** The district overview finance staff start from. */
@Injectable()
export class DistrictBalanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly balances: BalanceService,
  ) {}

  /** The district if the caller may read its balances (404 otherwise), with a file-name slug. */
  async scoped(
    principal: Principal,
    districtId: string,
  ): Promise<{ districtId: string; slug: string; name: string }> {
    FundScope.of(principal, FUND_READER_ROLES).district(districtId);
    const [row] = (await this.dataSource.query(`SELECT slug, name FROM district WHERE id = $1`, [
      districtId,
    ])) as {
      slug: string;
      name: string;
    }[];
    if (!row) throw new NotFoundError();
    return { districtId, slug: fileSlug(row.slug), name: row.name };
  }

  async overview(principal: Principal, districtId: string, programmeYear: number) {
    FundScope.of(principal, FUND_READER_ROLES).district(districtId);
    // One statement, one snapshot: the totals, the funds and the breakdowns agree with each other.
    const figures = await this.balances.districtOverview(districtId, programmeYear);
    if (!figures) throw new NotFoundError();
    const { funds, byArea, byActionField } = figures;
    const areaNames = new Map(byArea.map((a) => [a.areaId, a.areaName]));
    const total = funds.reduce<FundYearBalance>(
      (sum, f) => ({
        budget: sum.budget.add(f.budget),
        committed: sum.committed.add(f.committed),
        disbursed: sum.disbursed.add(f.disbursed),
        repaid: sum.repaid.add(f.repaid),
      }),
      EMPTY_FUND_YEAR_BALANCE,
    );
    return {
      districtId,
      districtName: figures.district.name,
      programmeYear,
      totals: figuresJson(withFigures(total)),
      funds: funds.map((f) => ({
        ...fundYearJson(f),
        areaName: f.areaId ? (areaNames.get(f.areaId) ?? null) : null,
      })),
      byArea: byArea.map(areaJson),
      byActionField: byActionField.map(actionFieldJson),
    };
  }
}

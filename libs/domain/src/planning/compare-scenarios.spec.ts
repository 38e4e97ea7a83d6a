import { ValidationError } from '../errors/domain-error';
import { Money } from '../money/money';
import { applyScenario, compareScenarios } from './compare-scenarios';
import type { PlanItemInput, ProgrammeInput } from './rank-programme';

const euros = (n: number) => Money.euros(n);
const item = (
  applicationId: string,
  score: number,
  requested: number,
  extra: Partial<PlanItemInput> = {},
): PlanItemInput => ({
  applicationId,
  adopted: true,
  score,
  requested: euros(requested),
  submittedAt: new Date(Date.UTC(2026, 1, 1)),
  ...extra,
});

const base: ProgrammeInput = {
  budget: euros(150_000),
  items: [
    item('kiezküche', 9_000, 80_000),
    item('lesepaten', 8_000, 60_000),
    item('spielplatz', 7_000, 50_000),
    item('abgelehnt', 9_500, 10_000, { adopted: false }),
  ],
};

const cell = (rank: number | null, status: string, amount: number, changed: boolean) => ({
  rank,
  status,
  amount: euros(amount),
  changed,
});

describe('what-if scenarios beside the base plan', () => {
  it('shows each application in every plan, flagging what a scenario changes, with each plan’s totals', () => {
    const comparison = compareScenarios(base, [
      { key: 'more', label: 'Mehr Budget', budget: euros(200_000) },
      {
        key: 'cut',
        label: 'Kiezküche gekürzt',
        amounts: [{ applicationId: 'kiezküche', amount: euros(40_000), reason: 'Nur ein Standort' }],
      },
      { key: 'order', label: 'Spielplatz zuerst', order: ['spielplatz'] },
    ]);

    expect(comparison.rows).toEqual([
      {
        applicationId: 'kiezküche',
        base: cell(1, 'selected', 80_000, false),
        scenarios: [
          cell(1, 'selected', 80_000, false),
          cell(1, 'selected', 40_000, true),
          cell(2, 'selected', 80_000, true),
        ],
      },
      {
        applicationId: 'lesepaten',
        base: cell(2, 'selected', 60_000, false),
        scenarios: [
          cell(2, 'selected', 60_000, false),
          cell(2, 'selected', 60_000, false),
          cell(3, 'waitlisted', 60_000, true),
        ],
      },
      {
        applicationId: 'spielplatz',
        base: cell(3, 'waitlisted', 50_000, false),
        scenarios: [
          cell(3, 'selected', 50_000, true),
          cell(3, 'selected', 50_000, true),
          cell(1, 'selected', 50_000, true),
        ],
      },
      {
        applicationId: 'abgelehnt',
        base: cell(null, 'not_adopted', 10_000, false),
        scenarios: [
          cell(null, 'not_adopted', 10_000, false),
          cell(null, 'not_adopted', 10_000, false),
          cell(null, 'not_adopted', 10_000, false),
        ],
      },
    ]);

    expect(comparison.base).toMatchObject({ selectedCount: 2, waitlistedCount: 1 });
    expect(comparison.base.selectedTotal).toEqual(euros(140_000));
    expect(
      comparison.scenarios.map((s) => [s.key, s.label, s.selectedTotal.toString(), s.remaining.toString()]),
    ).toEqual([
      ['more', 'Mehr Budget', '19000000', '1000000'],
      ['cut', 'Kiezküche gekürzt', '15000000', '0'],
      ['order', 'Spielplatz zuerst', '13000000', '2000000'],
    ]);
  });

  it('replaces the base’s hand-made order with the scenario’s', () => {
    const placed: ProgrammeInput = {
      ...base,
      items: base.items.map((i) => (i.applicationId === 'lesepaten' ? { ...i, manualRank: 1 } : i)),
    };
    const applied = applyScenario(placed, { key: 'o', label: 'o', order: ['spielplatz'] });
    expect(applied.items.map((i) => [i.applicationId, i.manualRank])).toEqual([
      ['kiezküche', undefined],
      ['lesepaten', undefined],
      ['spielplatz', 1],
      ['abgelehnt', undefined],
    ]);
  });

  it('compares the two fill rules', () => {
    const comparison = compareScenarios(base, [
      { key: 'skip', label: 'Überspringen', budget: euros(130_000) },
      { key: 'stop', label: 'Abbruch', budget: euros(130_000), fillRule: 'stop_at_first_misfit' },
    ]);
    expect(comparison.scenarios.map((s) => s.fillRule)).toEqual(['skip_over', 'stop_at_first_misfit']);
    expect(comparison.rows.map((r) => r.scenarios.map((c) => c.status))).toEqual([
      ['selected', 'selected'],
      ['waitlisted', 'waitlisted'],
      ['selected', 'waitlisted'],
      ['not_adopted', 'not_adopted'],
    ]);
  });

  it('refuses scenarios naming unknown or unadopted applications, unreasoned cuts and repeated keys', () => {
    let error: unknown;
    try {
      compareScenarios(base, [
        { key: 'a', label: 'A', order: ['abgelehnt', 'nirgends'] },
        {
          key: 'a',
          label: 'A again',
          amounts: [
            { applicationId: 'lesepaten', amount: euros(50_000), reason: ' ' },
            { applicationId: 'spielplatz', amount: euros(70_000), reason: 'mehr' },
          ],
        },
      ]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { field: 'scenarios.0.order.0', rule: 'exists' },
      { field: 'scenarios.0.order.1', rule: 'exists' },
      { field: 'scenarios.1.key', rule: 'duplicate' },
      { field: 'scenarios.1.amounts.0.reason', rule: 'required' },
      {
        field: 'scenarios.1.amounts.1.amount',
        rule: 'notAboveRequested',
        params: { requestedCents: '5000000' },
      },
    ]);
  });
});

import { ValidationError } from '../errors/domain-error';
import { missingReviews, type ReviewCriterion, reviewSummary, SCORE_SCALE, votumScore } from './votum';

const criteria: ReviewCriterion[] = [
  { key: 'need', label: 'Bedarf im Gebiet', weight: 2, maxScore: 5 },
  { key: 'quality', label: 'Qualität des Konzepts', weight: 1, maxScore: 10 },
];

describe('Votum score', () => {
  it('is full marks when every criterion has its maximum, and zero for zeros', () => {
    expect(votumScore(criteria, { need: 5, quality: 10 })).toBe(SCORE_SCALE);
    expect(votumScore(criteria, { need: 0, quality: 0 })).toBe(0);
  });

  it('weighs each criterion by importance whatever its scale', () => {
    // need 4/5 = 0,8 with weight 2, quality 5/10 = 0,5 with weight 1: (1,6 + 0,5) / 3 = 0,7
    expect(votumScore(criteria, { need: 4, quality: 5 })).toBe(7_000);
  });

  it('rounds the exact share half up once, to hundredths of a percent', () => {
    const thirds: ReviewCriterion[] = [{ key: 'x', label: 'x', weight: 1, maxScore: 3 }];
    expect(votumScore(thirds, { x: 1 })).toBe(3_333);
    expect(votumScore(thirds, { x: 2 })).toBe(6_667);
    const eighths: ReviewCriterion[] = [{ key: 'x', label: 'x', weight: 1, maxScore: 8 }];
    expect(votumScore(eighths, { x: 1 })).toBe(1_250);
    const fine: ReviewCriterion[] = [{ key: 'x', label: 'x', weight: 1, maxScore: 20_000 }];
    expect(votumScore(fine, { x: 1 })).toBe(1); // 0,5 rounds up
  });

  it('names every missing, unknown or out-of-range score', () => {
    let error: unknown;
    try {
      votumScore(criteria, { need: 6, extra: 1 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { field: 'scores.extra', rule: 'unknown_field' },
      { field: 'scores.need', rule: 'max', params: { max: 5 } },
      { field: 'scores.quality', rule: 'required' },
    ]);
    expect(() => votumScore(criteria, { need: 2.5, quality: 1 })).toThrow(ValidationError);
    expect(() => votumScore(criteria, { need: -1, quality: 1 })).toThrow(ValidationError);
  });

  it('refuses criteria without weight, with a duplicate key, or none at all', () => {
    expect(() => votumScore([], {})).toThrow(ValidationError);
    const bad: ReviewCriterion[] = [
      { key: 'a', label: 'A', weight: 0, maxScore: 5 },
      { key: 'a', label: 'A again', weight: 1, maxScore: 5 },
    ];
    expect(() => votumScore(bad, { a: 1 })).toThrow(
      expect.objectContaining({
        details: [
          { field: 'criteria.0.weight', rule: 'min', params: { min: 1 } },
          { field: 'criteria.1.key', rule: 'duplicate' },
        ],
      }),
    );
  });
});

describe('review summary', () => {
  it('counts recommendations and averages the scores given, rounded half up', () => {
    expect(
      reviewSummary([
        { departmentId: 'jugend', recommendation: 'support', score: 8_000 },
        { departmentId: 'schule', recommendation: 'support_with_conditions', score: 7_001 },
        { departmentId: 'gesundheit', recommendation: 'support', score: null },
        { departmentId: 'ordnung', recommendation: 'do_not_support', score: 3_000 },
      ]),
    ).toEqual({
      reviews: 4,
      scored: 3,
      averageScore: 6_000, // 18 001 / 3 = 6 000,33
      recommendations: { support: 2, support_with_conditions: 1, do_not_support: 1 },
    });
  });

  it('has no average before the first scored Votum', () => {
    expect(reviewSummary([])).toEqual({
      reviews: 0,
      scored: 0,
      averageScore: null,
      recommendations: { support: 0, support_with_conditions: 0, do_not_support: 0 },
    });
  });
});

describe('missing reviews', () => {
  it('lists the departments without a Votum in the order given, leaving out the excused', () => {
    const departments = ['jugend', 'schule', 'gesundheit', 'ordnung'];
    expect(missingReviews(departments, [{ departmentId: 'schule' }])).toEqual([
      'jugend',
      'gesundheit',
      'ordnung',
    ]);
    expect(missingReviews(departments, [{ departmentId: 'schule' }], ['ordnung'])).toEqual([
      'jugend',
      'gesundheit',
    ]);
    expect(
      missingReviews(
        departments,
        departments.map((departmentId) => ({ departmentId })),
      ),
    ).toEqual([]);
  });
});

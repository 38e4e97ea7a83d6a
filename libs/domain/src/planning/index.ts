export {
  FILL_RULES,
  type FillRule,
  type PlanItemInput,
  type PlanStatus,
  type ProgrammeInput,
  type ProgrammePlan,
  programmeProblems,
  type RankedPlanItem,
  rankProgramme,
} from './rank-programme';
export {
  applyScenario,
  compareScenarios,
  type Scenario,
  type ScenarioCell,
  type ScenarioComparison,
  type ScenarioTotals,
} from './compare-scenarios';

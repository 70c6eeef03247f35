import DataLoader from "dataloader";
import { In, type EntityManager } from "typeorm";
import { AssessmentPeriodEntity } from "../entities";
import { ScoreRollupStateEntity } from "../entities/assessment.entities";

/** Periods by code, null when unknown: one statement per batch (a trend asks for several at once). */
export function periodByCodeLoader(em: () => EntityManager) {
  return new DataLoader<string, AssessmentPeriodEntity | null>(async (codes) => {
    const rows = await em().find(AssessmentPeriodEntity, { where: { code: In([...codes]) } });
    const byCode = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => byCode.get(code) ?? null);
  });
}

export function periodByIdLoader(em: () => EntityManager) {
  return new DataLoader<number, AssessmentPeriodEntity | null>(async (ids) => {
    const rows = await em().find(AssessmentPeriodEntity, { where: { id: In([...ids]) } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Whether a period's roll-up rows exist (score_rollup_state). */
export function rollupBuiltLoader(em: () => EntityManager) {
  return new DataLoader<number, boolean>(async (periodIds) => {
    const rows = await em().find(ScoreRollupStateEntity, { where: { periodId: In([...periodIds]) } });
    const built = new Set(rows.map((row) => row.periodId));
    return periodIds.map((id) => built.has(id));
  });
}

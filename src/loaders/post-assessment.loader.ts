import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import { PostAssessmentEntity } from "../entities/assessment.entities";
import { byPrimaryKey, hydrate } from "./hydrate";

export interface PeriodAppointmentKey {
  periodId: number;
  appointmentId: number;
}

const keyOf = (key: PeriodAppointmentKey) => `${key.periodId}:${key.appointmentId}`;

/** Post holders' scores by (period, appointment), null when not assessed: one statement per period per batch. */
export function postAssessmentLoader(em: () => EntityManager) {
  return new DataLoader<PeriodAppointmentKey, PostAssessmentEntity | null, string>(
    async (keys) => {
      const byPeriod = new Map<number, number[]>();
      for (const key of keys) byPeriod.set(key.periodId, [...(byPeriod.get(key.periodId) ?? []), key.appointmentId]);
      const found = new Map<string, PostAssessmentEntity>();
      for (const [periodId, appointmentIds] of byPeriod) {
        const manager = em();
        const rows: Record<string, unknown>[] = await manager.query(
          `SELECT * FROM ${byPrimaryKey(manager, "post_assessment")} WHERE period_id = ? AND appointment_id IN (${appointmentIds.map(() => "?").join(", ")})`,
          [periodId, ...appointmentIds],
        );
        for (const row of hydrate(manager, PostAssessmentEntity, rows)) found.set(keyOf(row), row);
      }
      return keys.map((key) => found.get(keyOf(key)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}

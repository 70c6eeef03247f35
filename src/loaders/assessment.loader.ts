import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import { AssessmentEntity } from "../entities/assessment.entities";
import { byPrimaryKey, hydrate } from "./hydrate";

export interface PeriodOrganizationKey {
  periodId: number;
  organizationId: number;
}

export const periodOrganizationKey = (key: PeriodOrganizationKey) => `${key.periodId}:${key.organizationId}`;

/**
 * Own scores by (period, organisation), null when not assessed: one statement per period per
 * batch. Without `provenance`, the largest column by far, which a browse of hundreds of
 * scores never shows: Assessment.provenance loads it when asked (assessmentProvenanceLoader).
 */
export function assessmentLoader(em: () => EntityManager) {
  return new DataLoader<PeriodOrganizationKey, AssessmentEntity | null, string>(
    async (keys) => {
      const found = new Map<string, AssessmentEntity>();
      for (const [periodId, organizationIds] of groupByPeriod(keys)) {
        const manager = em();
        const columns = manager.connection
          .getMetadata(AssessmentEntity)
          .columns.filter((column) => column.propertyName !== "provenance")
          .map((column) => manager.connection.driver.escape(column.databaseName))
          .join(", ");
        const rows: Record<string, unknown>[] = await manager.query(
          `SELECT ${columns} FROM ${byPrimaryKey(manager, "assessment")} WHERE period_id = ? AND organization_id IN (${organizationIds.map(() => "?").join(", ")})`,
          [periodId, ...organizationIds],
        );
        for (const row of hydrate(manager, AssessmentEntity, rows)) found.set(periodOrganizationKey(row), row);
      }
      return keys.map((key) => found.get(periodOrganizationKey(key)) ?? null);
    },
    { cacheKeyFn: periodOrganizationKey },
  );
}

export function groupByPeriod(keys: readonly PeriodOrganizationKey[]): Map<number, number[]> {
  const groups = new Map<number, Set<number>>();
  for (const key of keys) {
    let ids = groups.get(key.periodId);
    if (!ids) groups.set(key.periodId, (ids = new Set()));
    ids.add(key.organizationId);
  }
  return new Map([...groups].map(([periodId, ids]) => [periodId, [...ids]]));
}

/** The provenance of own scores by (period, organisation), for the rows the loader above read without it. */
export function assessmentProvenanceLoader(em: () => EntityManager) {
  return new DataLoader<PeriodOrganizationKey, object | null, string>(
    async (keys) => {
      const found = new Map<string, object>();
      for (const [periodId, organizationIds] of groupByPeriod(keys)) {
        const manager = em();
        const rows: Record<string, unknown>[] = await manager.query(
          `SELECT period_id, organization_id, provenance FROM ${byPrimaryKey(manager, "assessment")} WHERE period_id = ? AND organization_id IN (${organizationIds.map(() => "?").join(", ")})`,
          [periodId, ...organizationIds],
        );
        for (const row of hydrate(manager, AssessmentEntity, rows)) found.set(periodOrganizationKey(row), row.provenance);
      }
      return keys.map((key) => found.get(periodOrganizationKey(key)) ?? null);
    },
    { cacheKeyFn: periodOrganizationKey },
  );
}

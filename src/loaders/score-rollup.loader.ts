import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import { ScoreRollupEntity } from "../entities/assessment.entities";
import { groupByPeriod, periodOrganizationKey, type PeriodOrganizationKey } from "./assessment.loader";
import { byPrimaryKey, hydrate } from "./hydrate";

/** Stored roll-up rows by (period, organisation), null when the organisation is outside the period's tree. */
export function scoreRollupLoader(em: () => EntityManager) {
  return new DataLoader<PeriodOrganizationKey, ScoreRollupEntity | null, string>(
    async (keys) => {
      const found = new Map<string, ScoreRollupEntity>();
      for (const [periodId, organizationIds] of groupByPeriod(keys)) {
        const manager = em();
        const rows: Record<string, unknown>[] = await manager.query(
          `SELECT * FROM ${byPrimaryKey(manager, "score_rollup")} WHERE period_id = ? AND organization_id IN (${organizationIds.map(() => "?").join(", ")})`,
          [periodId, ...organizationIds],
        );
        for (const row of hydrate(manager, ScoreRollupEntity, rows)) found.set(periodOrganizationKey(row), row);
      }
      return keys.map((key) => found.get(periodOrganizationKey(key)) ?? null);
    },
    { cacheKeyFn: periodOrganizationKey },
  );
}

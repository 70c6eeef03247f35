import DataLoader from "dataloader";
import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { byPrimaryKey, hydrate } from "./hydrate";

export interface PeriodOrganizationKey {
  periodId: number;
  organizationId: number;
}

export const periodOrganizationKey = (key: PeriodOrganizationKey) => `${key.periodId}:${key.organizationId}`;

/**
 * A loader of rows keyed by (period_id, organization_id): one statement per period per batch,
 * through the primary key. `columns` picks what is read ("*" or a list), `pick` what each key
 * gets from its row; a key without a row gets null.
 */
export function periodOrganizationRowsLoader<E extends ObjectLiteral & PeriodOrganizationKey, V>(
  em: () => EntityManager,
  entity: EntityTarget<E>,
  table: string,
  columns: (manager: EntityManager) => string,
  pick: (row: E) => V,
) {
  return new DataLoader<PeriodOrganizationKey, V | null, string>(
    async (keys) => {
      const found = new Map<string, V>();
      for (const [periodId, organizationIds] of groupByPeriod(keys)) {
        const manager = em();
        const rows: Record<string, unknown>[] = await manager.query(
          `SELECT ${columns(manager)} FROM ${byPrimaryKey(manager, table)} WHERE period_id = ? AND organization_id IN (${organizationIds.map(() => "?").join(", ")})`,
          [periodId, ...organizationIds],
        );
        for (const row of hydrate(manager, entity, rows)) found.set(periodOrganizationKey(row), pick(row));
      }
      return keys.map((key) => found.get(periodOrganizationKey(key)) ?? null);
    },
    { cacheKeyFn: periodOrganizationKey },
  );
}

function groupByPeriod(keys: readonly PeriodOrganizationKey[]): Map<number, number[]> {
  const groups = new Map<number, Set<number>>();
  for (const key of keys) {
    let ids = groups.get(key.periodId);
    if (!ids) groups.set(key.periodId, (ids = new Set()));
    ids.add(key.organizationId);
  }
  return new Map([...groups].map(([periodId, ids]) => [periodId, [...ids]]));
}

import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import { OrganizationEntity, OrgStatus } from "../entities";
import { hydrate } from "./hydrate";

export interface ChildrenPageKey {
  parentId: number;
  /** Rows wanted: the page size plus one, to learn whether another page follows. */
  limit: number;
  /** Exclusive lower bound on code (the decoded `after` cursor). */
  afterCode: string | null;
}

/**
 * One page of active children (by code) for many parents in one statement: ROW_NUMBER()
 * per parent, which MySQL 8, MariaDB ≥ 10.2, TiDB and SQLite ≥ 3.25 all support. Keys
 * with different page arguments go in separate statements (in practice a nested query
 * asks every parent for the same page).
 */
export function childrenPageLoader(em: () => EntityManager) {
  return new DataLoader<ChildrenPageKey, OrganizationEntity[], string>(
    async (keys) => {
      const groups = new Map<string, ChildrenPageKey[]>();
      for (const key of keys) {
        const group = `${key.limit}|${key.afterCode ?? ""}|${key.afterCode === null}`;
        let members = groups.get(group);
        if (!members) groups.set(group, (members = []));
        members.push(key);
      }
      const byParent = new Map<string, OrganizationEntity[]>();
      for (const group of groups.values()) {
        const { limit, afterCode } = group[0];
        const parentIds = [...new Set(group.map((k) => k.parentId))];
        const rows = await fetchPages(em(), parentIds, limit, afterCode);
        for (const row of rows) {
          const mapKey = pageKey({ parentId: row.parentId!, limit, afterCode });
          let page = byParent.get(mapKey);
          if (!page) byParent.set(mapKey, (page = []));
          page.push(row);
        }
      }
      return keys.map((key) => byParent.get(pageKey(key)) ?? []);
    },
    { cacheKeyFn: pageKey },
  );
}

function pageKey(key: ChildrenPageKey): string {
  return JSON.stringify([key.parentId, key.limit, key.afterCode]);
}

async function fetchPages(
  em: EntityManager,
  parentIds: number[],
  limit: number,
  afterCode: string | null,
): Promise<OrganizationEntity[]> {
  const placeholders = parentIds.map(() => "?").join(", ");
  const afterClause = afterCode === null ? "" : "AND o.code > ?";
  const params: unknown[] = [...parentIds, OrgStatus.ACTIVE, ...(afterCode === null ? [] : [afterCode]), limit];
  const raw: Record<string, unknown>[] = await em.query(
    `SELECT * FROM (
       SELECT o.*, ROW_NUMBER() OVER (PARTITION BY o.parent_id ORDER BY o.code) AS page_row
       FROM organization o
       WHERE o.parent_id IN (${placeholders}) AND o.status = ? ${afterClause}
     ) ranked
     WHERE page_row <= ?
     ORDER BY parent_id, code`,
    params,
  );
  return hydrate(em, OrganizationEntity, raw);
}

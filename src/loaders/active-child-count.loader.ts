import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import { OrgStatus } from "../entities";

/** Number of active children per organisation id: one GROUP BY per batch. */
export function activeChildCountLoader(em: () => EntityManager) {
  return new DataLoader<number, number>(async (parentIds) => {
    const placeholders = parentIds.map(() => "?").join(", ");
    const rows: { parent_id: number | string; n: number | string }[] = await em().query(
      `SELECT parent_id, COUNT(*) AS n FROM organization
       WHERE parent_id IN (${placeholders}) AND status = ? GROUP BY parent_id`,
      [...parentIds, OrgStatus.ACTIVE],
    );
    const counts = new Map(rows.map((row) => [Number(row.parent_id), Number(row.n)]));
    return parentIds.map((id) => counts.get(id) ?? 0);
  });
}

import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import { OrgStatus } from "../entities";
import { subtreeRange } from "../services/organization-path";

/**
 * Active organisations in each subtree (by path), from the live tree: the organisation
 * count of a period that has no scores yet and hence no roll-up rows. One statement per
 * batch, a range count per path.
 */
export function activeSubtreeCountLoader(em: () => EntityManager) {
  return new DataLoader<string, number>(async (paths) => {
    const params: unknown[] = [];
    const columns = paths.map((path, index) => {
      const { lower, upper } = subtreeRange(path);
      params.push(OrgStatus.ACTIVE, lower, upper);
      return `(SELECT COUNT(*) FROM organization WHERE status = ? AND path >= ? AND path < ?) AS c${index}`;
    });
    const [row]: Record<string, number | string>[] = await em().query(`SELECT ${columns.join(", ")}`, params);
    return paths.map((_, index) => Number(row[`c${index}`]));
  });
}

import DataLoader from "dataloader";
import { In, type EntityManager } from "typeorm";
import { OrganizationEntity } from "../entities";

/** Organisations by id, in key order, null for a missing id: one statement per batch. */
export function organizationByIdLoader(em: () => EntityManager) {
  return new DataLoader<number, OrganizationEntity | null>(async (ids) => {
    const rows = await em().find(OrganizationEntity, { where: { id: In([...ids]) } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

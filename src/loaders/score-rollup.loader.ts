import type { EntityManager } from "typeorm";
import { ScoreRollupEntity } from "../entities/assessment.entities";
import { periodOrganizationRowsLoader } from "./period-organization-rows";

/** Stored roll-up rows by (period, organisation), null when the organisation is outside the period's tree. */
export function scoreRollupLoader(em: () => EntityManager) {
  return periodOrganizationRowsLoader(em, ScoreRollupEntity, "score_rollup", () => "*", (row) => row);
}

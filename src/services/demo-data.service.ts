import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../config";
import { OrganizationEntity } from "../entities";
import { OrganizationImportService } from "./organization-import.service";
import { ScoreImportService } from "./scoring/score-import.service";
import type { RequestContext } from "./request-context";

/** A province, a city and two county-level districts (贵州省 → 铜仁市 → 碧江区, 万山区): 63 organisations. */
export const DEMO_ORGANIZATIONS_FILE = path.join(PROJECT_ROOT, "demo", "orgs.csv");
/** Their own scores for 2026-H1 and 2026-H2 (one branch unassessed; one county bureau's branches well below their party group). */
export const DEMO_SCORES_FILE = path.join(PROJECT_ROOT, "demo", "scores.csv");

/**
 * Loads the demo tree and its scores into an empty database so a first `npm start` has
 * something to browse and roll up. A database with any organisation is left alone.
 */
export async function loadDemoDataIfEmpty(ctx: RequestContext): Promise<number> {
  if ((await ctx.em.count(OrganizationEntity)) > 0) return 0;
  const summary = await new OrganizationImportService().importCsv(ctx, fs.readFileSync(DEMO_ORGANIZATIONS_FILE, "utf8"));
  await new ScoreImportService().importCsv(ctx, fs.readFileSync(DEMO_SCORES_FILE, "utf8"));
  return summary.created;
}

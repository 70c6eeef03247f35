import DataLoader from "dataloader";
import { In } from "typeorm";
import { AssessmentPeriodEntity } from "../../entities";
import { PeriodService } from "../period/period.service";
import type { RequestContext } from "../request-context";
import { requestLoader } from "./loaders";

const periods = new PeriodService();

/**
 * A period by code, once per request however many fields name it (a listing of 100
 * organisations' duties in "2025-Q1" reads the period once). Unknown or malformed codes
 * get PeriodService's errors (NOT_FOUND, BAD_USER_INPUT).
 */
export async function requirePeriod(ctx: RequestContext, code: string): Promise<AssessmentPeriodEntity> {
  const found = await requestLoader(ctx, "periodByCode", (em) =>
    new DataLoader<string, AssessmentPeriodEntity | null>(async (codes) => {
      const rows = await em.find(AssessmentPeriodEntity, { where: { code: In([...codes]) } });
      return codes.map((c) => rows.find((row) => row.code === c) ?? null);
    }),
  ).load(code);
  return found ?? periods.requireByCode(ctx, code);
}

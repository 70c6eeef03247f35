import DataLoader from "dataloader";
import { In, type EntityManager, type ObjectLiteral } from "typeorm";
import {
  AccountabilityCaseEntity,
  AccountabilityCaseProblemEntity,
  InspectionEntity,
  ProblemCategoryEntity,
  ProblemEntity,
  ProblemEventEntity,
  RectificationProjectEntity,
} from "../../entities/oversight.entities";
import type { RequestContext } from "../request-context";

/**
 * Per-request loaders of the oversight feature, hung off the request's `ctx.loaders`
 * object through a WeakMap (a transaction's context has its own loaders object, hence its
 * own set). One statement per batch; results in key order, null or [] for missing keys.
 */
function createOversightLoaders(em: () => EntityManager) {
  return {
    problemById: byId(em, ProblemEntity),
    inspectionById: byId(em, InspectionEntity),
    caseById: byId(em, AccountabilityCaseEntity),
    categoryById: byId(em, ProblemCategoryEntity),
    projectById: byId(em, RectificationProjectEntity),
    /** A problem's history, seq ascending. */
    eventsByProblem: groupedBy(em, ProblemEventEntity, "problemId", { seq: "ASC" }),
    /** A problem's projects, oldest first (the last is the current one). */
    projectsByProblem: groupedBy(em, RectificationProjectEntity, "problemId", { id: "ASC" }),
    /** The leadership reviews a DIRECT case opened, in id order. */
    reviewsByPrimary: groupedBy(em, AccountabilityCaseEntity, "primaryCaseId", { id: "ASC" }),
    /** Problem ids a case rests on. */
    problemIdsByCase: new DataLoader<number, number[]>(async (caseIds) => {
      const rows = await em().find(AccountabilityCaseProblemEntity, { where: { caseId: In([...caseIds]) }, order: { problemId: "ASC" } });
      return caseIds.map((id) => rows.filter((row) => row.caseId === id).map((row) => row.problemId));
    }),
    /** Case ids resting on a problem. */
    caseIdsByProblem: new DataLoader<number, number[]>(async (problemIds) => {
      const rows = await em().find(AccountabilityCaseProblemEntity, { where: { problemId: In([...problemIds]) }, order: { caseId: "ASC" } });
      return problemIds.map((id) => rows.filter((row) => row.problemId === id).map((row) => row.caseId));
    }),
  };
}

export type OversightLoaders = ReturnType<typeof createOversightLoaders>;

const perRequest = new WeakMap<object, OversightLoaders>();

export function oversightLoaders(ctx: RequestContext): OversightLoaders {
  let loaders = perRequest.get(ctx.loaders);
  if (!loaders) {
    const em = ctx.em;
    loaders = createOversightLoaders(() => em);
    perRequest.set(ctx.loaders, loaders);
  }
  return loaders;
}

/** After a write: later reads of this request see the new rows. */
export function clearOversightLoaders(ctx: RequestContext): void {
  perRequest.delete(ctx.loaders);
}

function byId<T extends ObjectLiteral & { id: number }>(em: () => EntityManager, entity: new () => T) {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = await em().find(entity, { where: { id: In([...ids]) } as never });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

function groupedBy<T extends ObjectLiteral>(em: () => EntityManager, entity: new () => T, column: keyof T & string, order: Record<string, "ASC" | "DESC">) {
  return new DataLoader<number, T[]>(async (keys) => {
    const rows = await em().find(entity, { where: { [column]: In([...keys]) } as never, order: order as never });
    const groups = new Map<number, T[]>();
    for (const row of rows) {
      const key = row[column] as number;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

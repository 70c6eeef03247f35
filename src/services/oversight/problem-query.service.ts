import { Brackets } from "typeorm";
import { OrganizationEntity } from "../../entities";
import { AccountabilityCaseEntity, ProblemCategoryEntity, ProblemEntity, type ProblemEventEntity, type RectificationProjectEntity } from "../../entities/oversight.entities";
import { ProblemState, type ProblemSeverity, type ProblemSource } from "../../entities/oversight-enums";
import { AppointmentEntity, ResponsibilityEntity } from "../../entities/responsibility.entities";
import { requireActor } from "../auth/request-auth";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "../pagination";
import type { RequestContext } from "../request-context";
import { DerivationService } from "../responsibility/derivation.service";
import { responsibilityLoaders } from "../responsibility/loaders";
import { invalid } from "./oversight-input";
import { isOverdueOn, oversightToday } from "./clock";
import { mayReadRecordsOf } from "./oversight-access";
import { oversightLoaders } from "./oversight-loaders";
import { listRange } from "./oversight-range";
import { allowedActions, type TransitionAction } from "./problem-states";

export interface ProblemFilter {
  /** Problems of this organisation's subtree (itself included). */
  underId?: number | null;
  states?: ProblemState[] | null;
  source?: ProblemSource | null;
  severity?: ProblemSeverity | null;
  category?: string | null;
  inspectionId?: number | null;
  /** Found on or after this day. */
  foundFrom?: string | null;
  /** Found on or before this day. */
  foundTo?: string | null;
  /** Only problems overdue today (true), or only those not overdue (false). */
  overdue?: boolean | null;
}

/** One link of a trace up the derivation chain. */
export interface TraceLink {
  /** 0 for the breached responsibility itself, 1 for what it derives from, … */
  step: number;
  responsibility: ResponsibilityEntity;
  organizationId: number;
  /** The post holder that holds it; null for an organisation's own (collective) duty. */
  holder: AppointmentEntity | null;
}

const LIST_CURSOR = "problems";
const OVERDUE_CURSOR = "overdueProblems";

/**
 * Reads of problems. Lists are one statement per page over the organisation path range
 * (the scope, narrowed by `under`) joined to problems by organisation; fields of a page go
 * through loaders, so a page costs a fixed number of statements whatever its size.
 */
export class ProblemQueryService {
  constructor(private readonly derivations = new DerivationService()) {}

  /** Null when unknown or outside what the caller may read. */
  async byId(ctx: RequestContext, id: number): Promise<ProblemEntity | null> {
    const problem = await oversightLoaders(ctx).problemById.load(id);
    if (!problem) return null;
    const organization = await ctx.loaders.organizationById.load(problem.organizationId);
    return organization && mayReadRecordsOf(await requireActor(ctx), organization) ? problem : null;
  }

  /** Problems by id ascending (the order they were recorded). */
  async list(ctx: RequestContext, filter: ProblemFilter, request: PageRequest): Promise<Page<ProblemEntity>> {
    const size = pageSize(request.first);
    const after = decodeCursor(LIST_CURSOR, request.after);
    const query = await this.filtered(ctx, filter);
    if (after !== null) query.andWhere("p.id > :after", { after: Number(after) });
    const rows = await query.orderBy("p.id", "ASC").limit(size + 1).getMany();
    return toPage(rows, size, after, (row) => encodeCursor(LIST_CURSOR, String(row.id)));
  }

  async count(ctx: RequestContext, filter: ProblemFilter): Promise<number> {
    return (await this.filtered(ctx, filter)).getCount();
  }

  /** 逾期清单: problems overdue today, oldest deadline first (then by id). */
  async overdue(ctx: RequestContext, underId: number | null | undefined, request: PageRequest): Promise<Page<ProblemEntity>> {
    const size = pageSize(request.first);
    const after = decodeCursor(OVERDUE_CURSOR, request.after);
    const query = await this.filtered(ctx, { underId, overdue: true });
    if (after !== null) {
      const [deadline, id] = after.split("|");
      query.andWhere(new Brackets((q) => q.where("p.deadline > :deadline", { deadline }).orWhere("p.deadline = :deadline AND p.id > :id", { deadline, id: Number(id) })));
    }
    const rows = await query.orderBy("p.deadline", "ASC").addOrderBy("p.id", "ASC").limit(size + 1).getMany();
    return toPage(rows, size, after, (row) => encodeCursor(OVERDUE_CURSOR, `${row.deadline}|${row.id}`));
  }

  history(ctx: RequestContext, problem: ProblemEntity): Promise<ProblemEventEntity[]> {
    return oversightLoaders(ctx).eventsByProblem.load(problem.id);
  }

  projects(ctx: RequestContext, problem: ProblemEntity): Promise<RectificationProjectEntity[]> {
    return oversightLoaders(ctx).projectsByProblem.load(problem.id);
  }

  /** The project of the current rectification; null before one starts and after a reopening. */
  async currentProject(ctx: RequestContext, problem: ProblemEntity): Promise<RectificationProjectEntity | null> {
    if (problem.state === ProblemState.OPEN || problem.state === ProblemState.REOPENED) return null;
    const projects = await this.projects(ctx, problem);
    return projects[projects.length - 1] ?? null;
  }

  category(ctx: RequestContext, problem: ProblemEntity): Promise<ProblemCategoryEntity | null> {
    return oversightLoaders(ctx).categoryById.load(problem.categoryId);
  }

  /** The accountability cases resting on the problem that the caller may read. */
  async cases(ctx: RequestContext, problem: ProblemEntity): Promise<AccountabilityCaseEntity[]> {
    const loaders = oversightLoaders(ctx);
    const ids = await loaders.caseIdsByProblem.load(problem.id);
    const rows = (await loaders.caseById.loadMany(ids)).filter((row): row is AccountabilityCaseEntity => row instanceof AccountabilityCaseEntity);
    const actor = await requireActor(ctx);
    const orgs = await ctx.loaders.organizationById.loadMany(rows.map((row) => row.organizationId));
    return rows.filter((_, i) => orgs[i] instanceof OrganizationEntity && mayReadRecordsOf(actor, orgs[i] as OrganizationEntity));
  }

  /**
   * 追溯: the breached responsibility, then each one it derives from up to the top duty it
   * serves, with who holds each (a post holder, or the organisation itself). One recursive
   * statement for the chain (derivation.service.ts) and batched loads for the holders.
   */
  async traceUp(ctx: RequestContext, problem: ProblemEntity): Promise<TraceLink[]> {
    const breached = await responsibilityLoaders(ctx).responsibilityById.load(problem.responsibilityId);
    if (!breached) return [];
    const chain = await this.derivations.chain(ctx, breached);
    const holders = await responsibilityLoaders(ctx).appointmentById.loadMany(chain.map((row) => row.appointmentId ?? 0).filter((id) => id > 0));
    const byId = new Map(holders.filter((row): row is AppointmentEntity => row instanceof AppointmentEntity).map((row) => [row.id, row]));
    return chain.map((responsibility, step) => ({
      step,
      responsibility,
      organizationId: responsibility.organizationId,
      holder: responsibility.appointmentId === null ? null : (byId.get(responsibility.appointmentId) ?? null),
    }));
  }

  /** What may happen next (the table of problem-states.ts). */
  allowedActions(problem: ProblemEntity): TransitionAction[] {
    return allowedActions(problem.state);
  }

  isOverdue(problem: ProblemEntity, on?: string): boolean {
    return isOverdueOn(problem.deadline, problem.state === ProblemState.CLOSED, on ?? oversightToday());
  }

  private async filtered(ctx: RequestContext, filter: ProblemFilter) {
    const actor = await requireActor(ctx);
    const range = await listRange(ctx, actor, filter.underId);
    const query = ctx.em.createQueryBuilder(ProblemEntity, "p");
    if (range) {
      query.innerJoin(OrganizationEntity, "o", "o.id = p.organization_id").andWhere("o.path >= :lower AND o.path < :upper", range);
    }
    if (filter.states && filter.states.length > 0) query.andWhere("p.state IN (:...states)", { states: filter.states });
    if (filter.source) query.andWhere("p.source = :source", { source: filter.source });
    if (filter.severity) query.andWhere("p.severity = :severity", { severity: filter.severity });
    if (filter.inspectionId != null) query.andWhere("p.inspection_id = :inspectionId", { inspectionId: filter.inspectionId });
    if (filter.category) {
      const category = await ctx.em.findOneBy(ProblemCategoryEntity, { code: filter.category.trim() });
      if (!category) throw invalid("category", `no problem category has the code "${filter.category}"`);
      query.andWhere("p.category_id = :categoryId", { categoryId: category.id });
    }
    if (filter.foundFrom) query.andWhere("p.found_on >= :foundFrom", { foundFrom: filter.foundFrom });
    if (filter.foundTo) query.andWhere("p.found_on <= :foundTo", { foundTo: filter.foundTo });
    if (filter.overdue != null) {
      const today = oversightToday();
      query.andWhere(
        filter.overdue
          ? "p.state <> :closed AND p.deadline IS NOT NULL AND p.deadline < :today"
          : "(p.state = :closed OR p.deadline IS NULL OR p.deadline >= :today)",
        { closed: ProblemState.CLOSED, today },
      );
    }
    return query;
  }
}

import type { SelectQueryBuilder } from "typeorm";
import { OrganizationEntity } from "../../entities";
import {
  AccountabilityCaseEntity,
  InspectionEntity,
  NegativeListEntryEntity,
  type ProblemEntity,
} from "../../entities/oversight.entities";
import type { AccountabilityCaseKind, AccountabilityStatus, AccountabilitySubject } from "../../entities/oversight-enums";
import { requireActor } from "../auth/request-auth";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "../pagination";
import { PeriodService } from "../period/period.service";
import type { RequestContext } from "../request-context";
import { mayReadRecordsOf } from "./oversight-access";
import { oversightLoaders } from "./oversight-loaders";
import { listRange } from "./oversight-range";

export interface CaseFilter {
  underId?: number | null;
  kind?: AccountabilityCaseKind | null;
  status?: AccountabilityStatus | null;
  subjectType?: AccountabilitySubject | null;
  /** Decided within this period. */
  period?: string | null;
}

export interface InspectionFilter {
  underId?: number | null;
  from?: string | null;
  to?: string | null;
}

/**
 * Reads of inspections, accountability cases and the negative list: single records are
 * null when unknown or unreadable; lists run over the scope's path range (narrowed by
 * `under`), one statement per page, by id ascending.
 */
export class OversightQueryService {
  constructor(private readonly periods = new PeriodService()) {}

  inspectionById(ctx: RequestContext, id: number): Promise<InspectionEntity | null> {
    return this.readable(ctx, oversightLoaders(ctx).inspectionById.load(id), (row) => row.inspectedOrganizationId);
  }

  caseById(ctx: RequestContext, id: number): Promise<AccountabilityCaseEntity | null> {
    return this.readable(ctx, oversightLoaders(ctx).caseById.load(id), (row) => row.organizationId);
  }

  negativeListEntryById(ctx: RequestContext, id: number): Promise<NegativeListEntryEntity | null> {
    return this.readable(ctx, ctx.em.findOneBy(NegativeListEntryEntity, { id }), (row) => row.organizationId);
  }

  async inspections(ctx: RequestContext, filter: InspectionFilter, request: PageRequest): Promise<Page<InspectionEntity>> {
    return this.page("inspections", request, () => this.inspectionQuery(ctx, filter));
  }

  async inspectionCount(ctx: RequestContext, filter: InspectionFilter): Promise<number> {
    return (await this.inspectionQuery(ctx, filter)).getCount();
  }

  async cases(ctx: RequestContext, filter: CaseFilter, request: PageRequest): Promise<Page<AccountabilityCaseEntity>> {
    return this.page("accountabilityCases", request, () => this.caseQuery(ctx, filter));
  }

  async caseCount(ctx: RequestContext, filter: CaseFilter): Promise<number> {
    return (await this.caseQuery(ctx, filter)).getCount();
  }

  async negativeList(ctx: RequestContext, period: string, underId: number | null | undefined, request: PageRequest): Promise<Page<NegativeListEntryEntity>> {
    return this.page(`negativeList:${period}`, request, () => this.negativeListQuery(ctx, period, underId));
  }

  async negativeListCount(ctx: RequestContext, period: string, underId: number | null | undefined): Promise<number> {
    return (await this.negativeListQuery(ctx, period, underId)).getCount();
  }

  /** The negative-list entry of an organisation for a period, when the caller may read it. */
  async listing(ctx: RequestContext, organization: OrganizationEntity, period: string): Promise<NegativeListEntryEntity | null> {
    const found = await this.periods.requireByCode(ctx, period.trim());
    if (!mayReadRecordsOf(await requireActor(ctx), organization)) return null;
    return ctx.em.findOneBy(NegativeListEntryEntity, { periodId: found.id, organizationId: organization.id });
  }

  /** The problems a case rests on (a review: those of the case it follows), readable ones only. */
  async problemsOf(ctx: RequestContext, row: AccountabilityCaseEntity): Promise<ProblemEntity[]> {
    const loaders = oversightLoaders(ctx);
    const ids = await loaders.problemIdsByCase.load(row.primaryCaseId ?? row.id);
    const problems = (await loaders.problemById.loadMany(ids)).filter((p): p is ProblemEntity => p !== null && !(p instanceof Error));
    const actor = await requireActor(ctx);
    const orgs = await ctx.loaders.organizationById.loadMany(problems.map((p) => p.organizationId));
    return problems.filter((_, i) => orgs[i] instanceof OrganizationEntity && mayReadRecordsOf(actor, orgs[i] as OrganizationEntity));
  }

  /** 一案双查 together: the direct case first, then its leadership reviews, from any of them. */
  async caseGroup(ctx: RequestContext, row: AccountabilityCaseEntity): Promise<AccountabilityCaseEntity[]> {
    const primary = row.primaryCaseId === null ? row : await oversightLoaders(ctx).caseById.load(row.primaryCaseId);
    if (!primary) return [row];
    const reviews = await oversightLoaders(ctx).reviewsByPrimary.load(primary.id);
    return this.readableRows(ctx, [primary, ...reviews]);
  }

  async reviews(ctx: RequestContext, row: AccountabilityCaseEntity): Promise<AccountabilityCaseEntity[]> {
    if (row.primaryCaseId !== null) return [];
    return this.readableRows(ctx, await oversightLoaders(ctx).reviewsByPrimary.load(row.id));
  }

  async primaryCase(ctx: RequestContext, row: AccountabilityCaseEntity): Promise<AccountabilityCaseEntity | null> {
    return row.primaryCaseId === null ? null : this.caseById(ctx, row.primaryCaseId);
  }

  private async readableRows(ctx: RequestContext, rows: AccountabilityCaseEntity[]): Promise<AccountabilityCaseEntity[]> {
    const actor = await requireActor(ctx);
    const orgs = await ctx.loaders.organizationById.loadMany(rows.map((r) => r.organizationId));
    return rows.filter((_, i) => orgs[i] instanceof OrganizationEntity && mayReadRecordsOf(actor, orgs[i] as OrganizationEntity));
  }

  private async readable<T>(ctx: RequestContext, pending: Promise<T | null>, organizationOf: (row: T) => number): Promise<T | null> {
    const row = await pending;
    if (!row) return null;
    const organization = await ctx.loaders.organizationById.load(organizationOf(row));
    return organization && mayReadRecordsOf(await requireActor(ctx), organization) ? row : null;
  }

  private async page<T extends { id: number }>(kind: string, request: PageRequest, build: () => Promise<SelectQueryBuilder<T>>): Promise<Page<T>> {
    const size = pageSize(request.first);
    const after = decodeCursor(kind, request.after);
    const query = await build();
    const alias = query.alias;
    if (after !== null) query.andWhere(`${alias}.id > :after`, { after: Number(after) });
    const rows = await query.orderBy(`${alias}.id`, "ASC").limit(size + 1).getMany();
    return toPage(rows, size, after, (row) => encodeCursor(kind, String(row.id)));
  }

  private async inspectionQuery(ctx: RequestContext, filter: InspectionFilter) {
    const range = await listRange(ctx, await requireActor(ctx), filter.underId);
    const query = ctx.em.createQueryBuilder(InspectionEntity, "i");
    if (range) query.innerJoin(OrganizationEntity, "o", "o.id = i.inspected_organization_id").andWhere("o.path >= :lower AND o.path < :upper", range);
    if (filter.from) query.andWhere("i.date >= :from", { from: filter.from });
    if (filter.to) query.andWhere("i.date <= :to", { to: filter.to });
    return query;
  }

  private async caseQuery(ctx: RequestContext, filter: CaseFilter) {
    const range = await listRange(ctx, await requireActor(ctx), filter.underId);
    const query = ctx.em.createQueryBuilder(AccountabilityCaseEntity, "c");
    if (range) query.innerJoin(OrganizationEntity, "o", "o.id = c.organization_id").andWhere("o.path >= :lower AND o.path < :upper", range);
    if (filter.kind) query.andWhere("c.kind = :kind", { kind: filter.kind });
    if (filter.status) query.andWhere("c.status = :status", { status: filter.status });
    if (filter.subjectType) query.andWhere("c.subject_type = :subjectType", { subjectType: filter.subjectType });
    if (filter.period) {
      const period = await this.periods.requireByCode(ctx, filter.period.trim());
      query.andWhere("c.decided_on >= :start AND c.decided_on <= :end", { start: period.startDate, end: period.endDate });
    }
    return query;
  }

  private async negativeListQuery(ctx: RequestContext, periodCode: string, underId: number | null | undefined) {
    const period = await this.periods.requireByCode(ctx, periodCode.trim());
    const range = await listRange(ctx, await requireActor(ctx), underId);
    const query = ctx.em.createQueryBuilder(NegativeListEntryEntity, "n").where("n.period_id = :periodId", { periodId: period.id });
    if (range) query.innerJoin(OrganizationEntity, "o", "o.id = n.organization_id").andWhere("o.path >= :lower AND o.path < :upper", range);
    return query;
  }
}

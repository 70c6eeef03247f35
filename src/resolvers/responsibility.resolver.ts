import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { AssessmentPeriodEntity, OrganizationEntity, OrgKind } from "../entities";
import type { AppointmentEntity, CatalogItemEntity, FulfillmentRecordEntity, ResponsibilityEntity } from "../entities/responsibility.entities";
import { OrganizationQueryService } from "../services/organization-query.service";
import type { RequestContext } from "../services/request-context";
import { requirePeriod } from "../services/responsibility/period-lookup";
import { AppointmentService } from "../services/responsibility/appointment.service";
import { CompletionService, type ResponsibilityStatus as Status } from "../services/responsibility/completion.service";
import { DerivationService } from "../services/responsibility/derivation.service";
import { FulfillmentService } from "../services/responsibility/fulfillment.service";
import { LocalResponsibilityService } from "../services/responsibility/local-responsibility.service";
import { ResponsibilityQueryService } from "../services/responsibility/responsibility-query.service";
import { CatalogService } from "../services/responsibility/catalog.service";
import { toConnection, type Connection } from "../schema/connection";
import { ConnectionArgs } from "../schema/connection.args";
import { OrgKind as OrgKindEnum } from "../schema/enums";
import { requireLocalId, toGlobalId } from "../schema/global-id";
import { Organization } from "../schema/organization.type";
import { Appointment } from "../schema/person.type";
import { CatalogItem } from "../schema/catalog.type";
import { LocalResponsibilityInput, MarkCompletionInput, RecordFulfillmentInput } from "../schema/responsibility.inputs";
import { DerivationBreakdown, FulfillmentRecord, FulfillmentRecordConnection, Responsibility, ResponsibilityStatus } from "../schema/responsibility.type";
import { isoDate } from "./responsibility-args";

/** What a DerivationBreakdown field resolves from: the top duty and the kinds asked for. */
export interface BreakdownRoot {
  top: ResponsibilityEntity;
  expectedKinds: OrgKind[];
  kindsGiven: OrgKind[] | null;
}

@Resolver(() => Responsibility)
export class ResponsibilityResolver {
  constructor(
    private readonly responsibilities = new ResponsibilityQueryService(),
    private readonly organizations = new OrganizationQueryService(),
    private readonly appointments = new AppointmentService(),
    private readonly completion = new CompletionService(),
    private readonly derivations = new DerivationService(),
    private readonly fulfillment = new FulfillmentService(),
    private readonly localResponsibilities = new LocalResponsibilityService(),
    private readonly catalogs = new CatalogService(),
  ) {}

  @Query(() => Responsibility, { nullable: true, description: "责任 A responsibility by id; null when unknown" })
  responsibility(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "全局ID Global id" }) id: string): Promise<ResponsibilityEntity | null> {
    return this.responsibilities.byId(ctx, requireLocalId(id, "Responsibility", "id"));
  }

  @Mutation(() => Responsibility, {
    description: "自定责任 Add an organisation's own item, or a sub-item breaking an assigned responsibility down",
  })
  addLocalResponsibility(@Ctx() ctx: RequestContext, @Arg("input", { description: "输入 What to create or change" }) input: LocalResponsibilityInput): Promise<ResponsibilityEntity> {
    return this.localResponsibilities.add(ctx, {
      ...input,
      organizationId: requireLocalId(input.organizationId, "Organization", "organizationId"),
      appointmentId: input.appointmentId == null ? null : requireLocalId(input.appointmentId, "Appointment", "appointmentId"),
      parentId: input.parentId == null ? null : requireLocalId(input.parentId, "Responsibility", "parentId"),
      derivedFromId: input.derivedFromId == null ? null : requireLocalId(input.derivedFromId, "Responsibility", "derivedFromId"),
    });
  }

  @Mutation(() => Responsibility, {
    description: "分解 Say that a responsibility breaks down one held by an ancestor (or, for a post, its organisation's own); null clears it",
  })
  deriveResponsibility(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "全局ID Global id" }) id: string,
    @Arg("fromId", () => ID, { nullable: true, description: "来源 The responsibility it derives from" }) fromId?: string | null,
  ): Promise<ResponsibilityEntity> {
    return this.derivations.derive(ctx, requireLocalId(id, "Responsibility", "id"), fromId == null ? null : requireLocalId(fromId, "Responsibility", "fromId"));
  }

  @Mutation(() => FulfillmentRecord, { description: "履责纪实 Record that a responsibility was carried out (links to evidence, no files)" })
  recordFulfillment(@Ctx() ctx: RequestContext, @Arg("input", { description: "输入 What to create or change" }) input: RecordFulfillmentInput): Promise<FulfillmentRecordEntity> {
    return this.fulfillment.record(ctx, {
      responsibilityId: requireLocalId(input.responsibilityId, "Responsibility", "responsibilityId"),
      date: isoDate(input.date),
      evidenceKind: input.evidenceKind,
      summary: input.summary,
      attachments: input.attachments ?? [],
    });
  }

  @Mutation(() => ResponsibilityStatus, { description: "评定完成度 Set an assessor's completion (or not applicable) for a period; overrides a computed figure" })
  markCompletion(@Ctx() ctx: RequestContext, @Arg("input", { description: "输入 What to create or change" }) input: MarkCompletionInput): Promise<Status> {
    return this.completion.mark(ctx, {
      responsibilityId: requireLocalId(input.responsibilityId, "Responsibility", "responsibilityId"),
      periodCode: input.period,
      completion: input.completion,
      notApplicable: input.notApplicable,
      note: input.note,
    });
  }

  @Mutation(() => ResponsibilityStatus, { description: "撤销评定 Remove an assessor's mark: back to the computed figure (or unmarked)" })
  clearCompletionMark(@Ctx() ctx: RequestContext, @Arg("responsibilityId", () => ID, { description: "责任 Global id of the responsibility" }) responsibilityId: string, @Arg("period", { description: "周期 Period code; it must be open" }) period: string): Promise<Status> {
    return this.completion.clearMark(ctx, requireLocalId(responsibilityId, "Responsibility", "responsibilityId"), period);
  }

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() responsibility: ResponsibilityEntity): string {
    return toGlobalId("Responsibility", responsibility.id);
  }

  @FieldResolver(() => Organization, { description: "组织 The organisation it applies to" })
  organization(@Ctx() ctx: RequestContext, @Root() responsibility: ResponsibilityEntity): Promise<OrganizationEntity> {
    return this.organizations.requireById(ctx, responsibility.organizationId);
  }

  @FieldResolver(() => Appointment, { nullable: true, description: "岗位 The post holder who holds it; null for the organisation's own duty" })
  appointment(@Ctx() ctx: RequestContext, @Root() responsibility: ResponsibilityEntity): Promise<AppointmentEntity | null> {
    return responsibility.appointmentId === null ? Promise.resolve(null) : this.appointments.byId(ctx, responsibility.appointmentId);
  }

  @FieldResolver(() => CatalogItem, { description: "条目 The catalog item (wording, weight, requirement)" })
  item(@Ctx() ctx: RequestContext, @Root() responsibility: ResponsibilityEntity): Promise<CatalogItemEntity> {
    return this.responsibilities.item(ctx, responsibility);
  }

  @FieldResolver(() => Boolean, { description: "自定 Whether it is the organisation's own addition (from its local list)" })
  async local(@Ctx() ctx: RequestContext, @Root() responsibility: ResponsibilityEntity): Promise<boolean> {
    const item = await this.responsibilities.item(ctx, responsibility);
    const catalog = await this.catalogs.requireById(ctx, item.catalogId);
    return catalog.ownerOrganizationId !== null;
  }

  @FieldResolver(() => Responsibility, { nullable: true, description: "上级责任 The 大项 this is a 小项 of (same holder); null at the top" })
  parent(@Ctx() ctx: RequestContext, @Root() responsibility: ResponsibilityEntity): Promise<ResponsibilityEntity | null> {
    return responsibility.parentId === null ? Promise.resolve(null) : this.responsibilities.byId(ctx, responsibility.parentId);
  }

  @FieldResolver(() => [Responsibility], { description: "小项 Its sub-items (from the catalog or added locally)" })
  children(@Ctx() ctx: RequestContext, @Root() responsibility: ResponsibilityEntity): Promise<ResponsibilityEntity[]> {
    return this.responsibilities.children(ctx, responsibility);
  }

  @FieldResolver(() => Responsibility, { nullable: true, description: "分解自 The responsibility held above that this one breaks down" })
  derivedFrom(@Ctx() ctx: RequestContext, @Root() responsibility: ResponsibilityEntity): Promise<ResponsibilityEntity | null> {
    return responsibility.derivedFromId === null ? Promise.resolve(null) : this.responsibilities.byId(ctx, responsibility.derivedFromId);
  }

  @FieldResolver(() => [Responsibility], { description: "上溯链 Up: itself first, then each duty it derives from, ending with the top duty it serves" })
  derivationChain(@Ctx() ctx: RequestContext, @Root() responsibility: ResponsibilityEntity): Promise<ResponsibilityEntity[]> {
    return this.derivations.chain(ctx, responsibility);
  }

  @FieldResolver(() => [Responsibility], { description: "直接分解 The responsibilities derived directly from this one, by organisation path" })
  derivedResponsibilities(@Ctx() ctx: RequestContext, @Root() responsibility: ResponsibilityEntity): Promise<ResponsibilityEntity[]> {
    return this.derivations.derivedFrom(ctx, responsibility);
  }

  @FieldResolver(() => DerivationBreakdown, {
    description: "分解情况 Down: how far this duty has been broken down in its organisation's subtree, per level, and where the chain stops",
  })
  async breakdown(
    @Ctx() ctx: RequestContext,
    @Root() responsibility: ResponsibilityEntity,
    @Arg("kinds", () => [OrgKindEnum], { nullable: true, description: "应承接类型 Kinds meant to hold it; default: from the catalog" }) kinds?: OrgKind[] | null,
  ): Promise<BreakdownRoot> {
    const given = kinds && kinds.length > 0 ? kinds : null;
    return { top: responsibility, kindsGiven: given, expectedKinds: given ?? (await this.derivations.expectedKinds(ctx, responsibility)) };
  }

  @FieldResolver(() => ResponsibilityStatus, { description: "履责情况 Completion and records in a period" })
  async status(@Ctx() ctx: RequestContext, @Root() responsibility: ResponsibilityEntity, @Arg("period", { description: "周期 Period code" }) period: string): Promise<Status> {
    const found = await requirePeriod(ctx, period);
    return this.completion.forResponsibility(ctx, responsibility, found);
  }

  @FieldResolver(() => FulfillmentRecordConnection, { description: "纪实 Records, by date then id; within a period when one is given" })
  async records(
    @Ctx() ctx: RequestContext,
    @Root() responsibility: ResponsibilityEntity,
    @Args() page: ConnectionArgs,
    @Arg("period", () => String, { nullable: true, description: "周期 Only records dated in this period" }) period?: string | null,
  ): Promise<Connection<FulfillmentRecordEntity>> {
    const span: Pick<AssessmentPeriodEntity, "startDate" | "endDate"> = period == null ? { startDate: "0001-01-01", endDate: "9999-12-31" } : await requirePeriod(ctx, period);
    const found = await this.fulfillment.page(ctx, responsibility.id, span.startDate, span.endDate, page);
    return toConnection(found, () => this.fulfillment.count(ctx, responsibility.id, span.startDate, span.endDate));
  }
}

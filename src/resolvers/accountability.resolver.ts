import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { OrganizationEntity } from "../entities";
import type { AccountabilityCaseEntity, ProblemEntity } from "../entities/oversight.entities";
import type { AppointmentEntity } from "../entities/responsibility.entities";
import { OrganizationQueryService } from "../services/organization-query.service";
import { AccountabilityService } from "../services/oversight/accountability.service";
import { OversightQueryService, type CaseFilter } from "../services/oversight/oversight-query.service";
import { severityRank } from "../services/oversight/oversight-rules";
import type { RequestContext } from "../services/request-context";
import { AppointmentService } from "../services/responsibility/appointment.service";
import { AccountabilityCase, AccountabilityCaseConnection } from "../schema/accountability.type";
import { toConnection, type Connection } from "../schema/connection";
import { ConnectionArgs } from "../schema/connection.args";
import { requireLocalId, toGlobalId } from "../schema/global-id";
import { Organization } from "../schema/organization.type";
import { AccountabilityCaseFilterInput, DecideLeadershipReviewInput, OpenAccountabilityCaseInput } from "../schema/oversight.inputs";
import { Appointment } from "../schema/person.type";
import { Problem } from "../schema/problem.type";
import { isoDate, optionalIsoDate } from "./responsibility-args";

@Resolver(() => AccountabilityCase)
export class AccountabilityCaseResolver {
  constructor(
    private readonly cases = new AccountabilityService(),
    private readonly queries = new OversightQueryService(),
    private readonly organizations = new OrganizationQueryService(),
    private readonly appointments = new AppointmentService(),
  ) {}

  @Query(() => AccountabilityCase, { nullable: true, description: "问责 A case by id; null when unknown or outside your scope" })
  accountabilityCase(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "全局ID Global id" }) id: string): Promise<AccountabilityCaseEntity | null> {
    return this.queries.caseById(ctx, requireLocalId(id, "AccountabilityCase", "id"));
  }

  @Query(() => AccountabilityCaseConnection, { description: "问责列表 Cases concerning organisations within your scope, in the order recorded" })
  async accountabilityCases(
    @Ctx() ctx: RequestContext,
    @Args() page: ConnectionArgs,
    @Arg("filter", () => AccountabilityCaseFilterInput, { nullable: true, description: "筛选 Filter" }) filter?: AccountabilityCaseFilterInput | null,
  ): Promise<Connection<AccountabilityCaseEntity>> {
    const criteria: CaseFilter = {
      underId: filter?.under == null ? null : requireLocalId(filter.under, "Organization", "under"),
      kind: filter?.kind ?? null,
      status: filter?.status ?? null,
      subjectType: filter?.subjectType ?? null,
      period: filter?.period ?? null,
    };
    const found = await this.queries.cases(ctx, criteria, page);
    return toConnection(found, () => this.queries.caseCount(ctx, criteria));
  }

  @Mutation(() => AccountabilityCase, {
    description: "问责 Record a decided case; against a post holder it also opens the leadership reviews of the secretary and the leader in charge (一案双查)",
  })
  openAccountabilityCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "输入 The case" }) input: OpenAccountabilityCaseInput): Promise<AccountabilityCaseEntity> {
    return this.cases.open(ctx, {
      organizationId: input.organizationId == null ? null : requireLocalId(input.organizationId, "Organization", "organizationId"),
      appointmentId: input.appointmentId == null ? null : requireLocalId(input.appointmentId, "Appointment", "appointmentId"),
      form: input.form,
      decidingOrganizationId: requireLocalId(input.decidingOrganizationId, "Organization", "decidingOrganizationId"),
      decidedOn: isoDate(input.decidedOn),
      incidentOn: optionalIsoDate(input.incidentOn),
      description: input.description,
      problemIds: (input.problemIds ?? []).map((id) => requireLocalId(id, "Problem", "problemIds")),
      leaderInChargeId: input.leaderInChargeId == null ? null : requireLocalId(input.leaderInChargeId, "Appointment", "leaderInChargeId"),
    });
  }

  @Mutation(() => AccountabilityCase, { description: "认定领导责任 Decide a leadership review with a form (UNDER_REVIEW → DECIDED)" })
  decideLeadershipReview(@Ctx() ctx: RequestContext, @Arg("input", { description: "输入 The decision" }) input: DecideLeadershipReviewInput): Promise<AccountabilityCaseEntity> {
    return this.cases.decideReview(ctx, {
      caseId: requireLocalId(input.caseId, "AccountabilityCase", "caseId"),
      form: input.form,
      decidingOrganizationId: requireLocalId(input.decidingOrganizationId, "Organization", "decidingOrganizationId"),
      decidedOn: isoDate(input.decidedOn),
      resolution: input.resolution,
    });
  }

  @Mutation(() => AccountabilityCase, { description: "不予问责 Clear a leadership review: no leadership responsibility (UNDER_REVIEW → CLEARED)" })
  clearLeadershipReview(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "案件 The leadership review" }) id: string,
    @Arg("resolution", { description: "处理结果 The finding" }) resolution: string,
  ): Promise<AccountabilityCaseEntity> {
    return this.cases.clearReview(ctx, requireLocalId(id, "AccountabilityCase", "id"), resolution);
  }

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() row: AccountabilityCaseEntity): string {
    return toGlobalId("AccountabilityCase", row.id);
  }

  @FieldResolver(() => Organization, { description: "组织 The organisation held to account, or where the post holder serves" })
  organization(@Ctx() ctx: RequestContext, @Root() row: AccountabilityCaseEntity): Promise<OrganizationEntity> {
    return this.organizations.requireById(ctx, row.organizationId);
  }

  @FieldResolver(() => Appointment, { nullable: true, description: "岗位人员 The post holder, for a POST_HOLDER case" })
  appointment(@Ctx() ctx: RequestContext, @Root() row: AccountabilityCaseEntity): Promise<AppointmentEntity | null> {
    return row.appointmentId === null ? Promise.resolve(null) : this.appointments.byId(ctx, row.appointmentId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "决定机关 Who decided (above your scope: its name only); null until decided" })
  decidingOrganization(@Ctx() ctx: RequestContext, @Root() row: AccountabilityCaseEntity): Promise<OrganizationEntity | null> {
    return row.decidingOrganizationId === null ? Promise.resolve(null) : this.organizations.byId(ctx, row.decidingOrganizationId);
  }

  @FieldResolver(() => Int, { nullable: true, description: "轻重序 1 for the mildest form of the subject's scale; null until decided" })
  severityRank(@Root() row: AccountabilityCaseEntity): number | null {
    return row.form === null ? null : severityRank(row.subjectType, row.form);
  }

  @FieldResolver(() => [Problem], { description: "依据问题 The problems it rests on (a review: those of its direct case), within your scope" })
  problems(@Ctx() ctx: RequestContext, @Root() row: AccountabilityCaseEntity): Promise<ProblemEntity[]> {
    return this.queries.problemsOf(ctx, row);
  }

  @FieldResolver(() => AccountabilityCase, { nullable: true, description: "原案 For a leadership review: the direct case it follows" })
  primaryCase(@Ctx() ctx: RequestContext, @Root() row: AccountabilityCaseEntity): Promise<AccountabilityCaseEntity | null> {
    return this.queries.primaryCase(ctx, row);
  }

  @FieldResolver(() => [AccountabilityCase], { description: "领导责任审查 For a direct case: the leadership reviews it opened (一案双查)" })
  leadershipReviews(@Ctx() ctx: RequestContext, @Root() row: AccountabilityCaseEntity): Promise<AccountabilityCaseEntity[]> {
    return this.queries.reviews(ctx, row);
  }

  @FieldResolver(() => [AccountabilityCase], { description: "一案双查 The direct case and its leadership reviews together, direct case first, from any of them" })
  caseGroup(@Ctx() ctx: RequestContext, @Root() row: AccountabilityCaseEntity): Promise<AccountabilityCaseEntity[]> {
    return this.queries.caseGroup(ctx, row);
  }
}

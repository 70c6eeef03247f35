import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { OrganizationEntity } from "../entities";
import type {
  AccountabilityCaseEntity,
  InspectionEntity,
  ProblemCategoryEntity,
  ProblemEntity,
  ProblemEventEntity,
  RectificationProjectEntity,
} from "../entities/oversight.entities";
import type { ProblemAction } from "../entities/oversight-enums";
import type { AppointmentEntity, ResponsibilityEntity } from "../entities/responsibility.entities";
import { OrganizationQueryService } from "../services/organization-query.service";
import { OversightQueryService } from "../services/oversight/oversight-query.service";
import { ProblemQueryService, type ProblemFilter, type TraceLink } from "../services/oversight/problem-query.service";
import { ProblemService } from "../services/oversight/problem.service";
import type { RequestContext } from "../services/request-context";
import { AppointmentService } from "../services/responsibility/appointment.service";
import { ResponsibilityQueryService } from "../services/responsibility/responsibility-query.service";
import { AccountabilityCase } from "../schema/accountability.type";
import { toConnection, type Connection } from "../schema/connection";
import { ConnectionArgs } from "../schema/connection.args";
import { requireLocalId, toGlobalId } from "../schema/global-id";
import { Inspection } from "../schema/inspection.type";
import { Organization } from "../schema/organization.type";
import { ProblemAction as ProblemActionEnum } from "../schema/oversight-enums";
import { ProblemFilterInput, RecordProblemInput, StartRectificationInput } from "../schema/oversight.inputs";
import { Appointment } from "../schema/person.type";
import { Problem, ProblemCategory, ProblemConnection, ProblemEvent, ProblemTraceLink, RectificationProject } from "../schema/problem.type";
import { Responsibility } from "../schema/responsibility.type";
import { DateScalar } from "../schema/scalars";
import { isoDate, optionalIsoDate } from "./responsibility-args";

export function toProblemFilter(input: ProblemFilterInput | null | undefined): ProblemFilter {
  return {
    underId: input?.under == null ? null : requireLocalId(input.under, "Organization", "under"),
    states: input?.states ?? null,
    source: input?.source ?? null,
    severity: input?.severity ?? null,
    category: input?.category ?? null,
    inspectionId: input?.inspectionId == null ? null : requireLocalId(input.inspectionId, "Inspection", "inspectionId"),
    foundFrom: optionalIsoDate(input?.foundFrom),
    foundTo: optionalIsoDate(input?.foundTo),
    overdue: input?.overdue ?? null,
  };
}

@Resolver(() => Problem)
export class ProblemResolver {
  constructor(
    private readonly service = new ProblemService(),
    private readonly queries = new ProblemQueryService(),
    private readonly oversight = new OversightQueryService(),
    private readonly organizations = new OrganizationQueryService(),
    private readonly responsibilities = new ResponsibilityQueryService(),
    private readonly appointments = new AppointmentService(),
  ) {}

  @Query(() => Problem, { nullable: true, description: "问题 A problem by id; null when unknown or outside your scope" })
  problem(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "全局ID Global id" }) id: string): Promise<ProblemEntity | null> {
    return this.queries.byId(ctx, requireLocalId(id, "Problem", "id"));
  }

  @Query(() => ProblemConnection, { description: "问题清单 Problems within your scope, in the order recorded" })
  async problems(
    @Ctx() ctx: RequestContext,
    @Args() page: ConnectionArgs,
    @Arg("filter", () => ProblemFilterInput, { nullable: true, description: "筛选 Filter" }) filter?: ProblemFilterInput | null,
  ): Promise<Connection<ProblemEntity>> {
    const criteria = toProblemFilter(filter);
    const found = await this.queries.list(ctx, criteria, page);
    return toConnection(found, () => this.queries.count(ctx, criteria));
  }

  @Query(() => ProblemConnection, { description: "逾期清单 Problems overdue today within your scope (or under an organisation), oldest deadline first" })
  async overdueProblems(
    @Ctx() ctx: RequestContext,
    @Args() page: ConnectionArgs,
    @Arg("under", () => ID, { nullable: true, description: "范围 Subtree root" }) under?: string | null,
  ): Promise<Connection<ProblemEntity>> {
    const underId = under == null ? null : requireLocalId(under, "Organization", "under");
    const found = await this.queries.overdue(ctx, underId, page);
    return toConnection(found, () => this.queries.count(ctx, { underId, overdue: true }));
  }

  @Mutation(() => Problem, { description: "登记问题 Record a problem found (→ OPEN); needs inspection.write in the organisation's scope" })
  recordProblem(@Ctx() ctx: RequestContext, @Arg("input", { description: "输入 The problem" }) input: RecordProblemInput): Promise<ProblemEntity> {
    return this.service.record(ctx, {
      responsibilityId: requireLocalId(input.responsibilityId, "Responsibility", "responsibilityId"),
      inspectionId: input.inspectionId == null ? null : requireLocalId(input.inspectionId, "Inspection", "inspectionId"),
      category: input.category,
      source: input.source ?? null,
      severity: input.severity,
      title: input.title,
      description: input.description,
      foundOn: optionalIsoDate(input.foundOn),
      deadline: optionalIsoDate(input.deadline),
    });
  }

  @Mutation(() => Problem, { description: "启动整改 Set a rectification project and deadline (OPEN or REOPENED → RECTIFYING)" })
  startRectification(@Ctx() ctx: RequestContext, @Arg("input", { description: "输入 The project" }) input: StartRectificationInput): Promise<ProblemEntity> {
    return this.service.startRectification(ctx, {
      problemId: requireLocalId(input.problemId, "Problem", "problemId"),
      mode: input.mode,
      goal: input.goal,
      measures: input.measures,
      ownerId: input.ownerId == null ? null : requireLocalId(input.ownerId, "Appointment", "ownerId"),
      startDate: isoDate(input.startDate),
      dueDate: isoDate(input.dueDate),
    });
  }

  @Mutation(() => Problem, { description: "申请销号 Apply for verification, saying what was done (RECTIFYING → PENDING_VERIFICATION)" })
  submitProblemForVerification(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "问题 The problem" }) id: string,
    @Arg("summary", { description: "整改情况 What was done" }) summary: string,
  ): Promise<ProblemEntity> {
    return this.service.submitForVerification(ctx, requireLocalId(id, "Problem", "id"), summary);
  }

  @Mutation(() => Problem, { description: "销号 Verify and close (PENDING_VERIFICATION → CLOSED), by a superior or a discipline committee" })
  verifyProblem(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "问题 The problem" }) id: string,
    @Arg("verifierId", () => ID, { description: "验收单位 The verifying organisation" }) verifierId: string,
    @Arg("note", () => String, { nullable: true, description: "验收意见 Note" }) note?: string | null,
  ): Promise<ProblemEntity> {
    return this.service.verify(ctx, requireLocalId(id, "Problem", "id"), requireLocalId(verifierId, "Organization", "verifierId"), note);
  }

  @Mutation(() => Problem, { description: "不予销号 Refuse the application, with the reason (PENDING_VERIFICATION → RECTIFYING)" })
  rejectProblemVerification(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "问题 The problem" }) id: string,
    @Arg("reason", { description: "理由 Why" }) reason: string,
  ): Promise<ProblemEntity> {
    return this.service.rejectVerification(ctx, requireLocalId(id, "Problem", "id"), reason);
  }

  @Mutation(() => Problem, { description: "回头看重开 Reopen a closed problem found again (CLOSED → REOPENED)" })
  reopenProblem(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "问题 The problem" }) id: string,
    @Arg("reason", { description: "回头看发现 What the follow-up found" }) reason: string,
    @Arg("deadline", () => DateScalar, { nullable: true, description: "新时限 New deadline, not past; omitted: set with the next project" }) deadline?: Date | null,
  ): Promise<ProblemEntity> {
    return this.service.reopen(ctx, requireLocalId(id, "Problem", "id"), reason, optionalIsoDate(deadline));
  }

  @Mutation(() => Problem, { description: "延期 A new, later deadline with the reason (needed once a deadline is missed); the state stays" })
  extendProblemDeadline(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "问题 The problem" }) id: string,
    @Arg("deadline", () => DateScalar, { description: "新时限 New deadline: after the current one, not past" }) deadline: Date,
    @Arg("reason", { description: "理由 Why (the missed deadline's reason)" }) reason: string,
  ): Promise<ProblemEntity> {
    return this.service.extendDeadline(ctx, requireLocalId(id, "Problem", "id"), isoDate(deadline), reason);
  }

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() problem: ProblemEntity): string {
    return toGlobalId("Problem", problem.id);
  }

  @FieldResolver(() => Organization, { description: "组织 Where it was found" })
  organization(@Ctx() ctx: RequestContext, @Root() problem: ProblemEntity): Promise<OrganizationEntity> {
    return this.organizations.requireById(ctx, problem.organizationId);
  }

  @FieldResolver(() => Responsibility, { description: "违反的责任 The responsibility it breaches" })
  async responsibility(@Ctx() ctx: RequestContext, @Root() problem: ProblemEntity): Promise<ResponsibilityEntity> {
    return this.responsibilities.requireById(ctx, problem.responsibilityId);
  }

  @FieldResolver(() => Inspection, { nullable: true, description: "督查 The inspection that found it" })
  inspection(@Ctx() ctx: RequestContext, @Root() problem: ProblemEntity): Promise<InspectionEntity | null> {
    return problem.inspectionId === null ? Promise.resolve(null) : this.oversight.inspectionById(ctx, problem.inspectionId);
  }

  @FieldResolver(() => ProblemCategory, { description: "类别 Category" })
  async category(@Ctx() ctx: RequestContext, @Root() problem: ProblemEntity): Promise<ProblemCategoryEntity> {
    const found = await this.queries.category(ctx, problem);
    if (!found) throw new Error(`category ${problem.categoryId} of problem ${problem.id} is missing`);
    return found;
  }

  @FieldResolver(() => Appointment, {
    nullable: true,
    description: "整改责任人 The holder of the breached responsibility (for an organisation's own duty: its secretary when found); null when vacant",
  })
  owner(@Ctx() ctx: RequestContext, @Root() problem: ProblemEntity): Promise<AppointmentEntity | null> {
    return problem.ownerAppointmentId === null ? Promise.resolve(null) : this.appointments.byId(ctx, problem.ownerAppointmentId);
  }

  @FieldResolver(() => Boolean, { description: "逾期 Deadline passed and not CLOSED, on the day given (default today, in the deployment's time zone)" })
  overdue(@Root() problem: ProblemEntity, @Arg("on", () => DateScalar, { nullable: true, description: "日期 The day" }) on?: Date | null): boolean {
    return this.queries.isOverdue(problem, optionalIsoDate(on) ?? undefined);
  }

  @FieldResolver(() => [ProblemEvent], { description: "履历 The history, first to last" })
  history(@Ctx() ctx: RequestContext, @Root() problem: ProblemEntity): Promise<ProblemEventEntity[]> {
    return this.queries.history(ctx, problem);
  }

  @FieldResolver(() => [RectificationProject], { description: "项目清单 Every project, oldest first" })
  projects(@Ctx() ctx: RequestContext, @Root() problem: ProblemEntity): Promise<RectificationProjectEntity[]> {
    return this.queries.projects(ctx, problem);
  }

  @FieldResolver(() => RectificationProject, { nullable: true, description: "当前项目 The project of the current rectification; null when OPEN or REOPENED" })
  currentProject(@Ctx() ctx: RequestContext, @Root() problem: ProblemEntity): Promise<RectificationProjectEntity | null> {
    return this.queries.currentProject(ctx, problem);
  }

  @FieldResolver(() => [ProblemTraceLink], {
    description: "责任追溯 Trace up: the breached responsibility, then each upper duty it derives from (the derivation chain), with who holds each",
  })
  traceUp(@Ctx() ctx: RequestContext, @Root() problem: ProblemEntity): Promise<TraceLink[]> {
    return this.queries.traceUp(ctx, problem);
  }

  @FieldResolver(() => [ProblemActionEnum], { description: "可执行操作 What may be done next in the current state" })
  nextActions(@Root() problem: ProblemEntity): ProblemAction[] {
    return this.queries.allowedActions(problem);
  }

  @FieldResolver(() => [AccountabilityCase], { description: "问责 Accountability cases resting on it (within your scope)" })
  accountabilityCases(@Ctx() ctx: RequestContext, @Root() problem: ProblemEntity): Promise<AccountabilityCaseEntity[]> {
    return this.queries.cases(ctx, problem);
  }
}

@Resolver(() => ProblemTraceLink)
export class ProblemTraceLinkResolver {
  constructor(private readonly organizations = new OrganizationQueryService()) {}

  @FieldResolver(() => Responsibility, { description: "责任 The duty at this link" })
  responsibility(@Root() link: TraceLink): ResponsibilityEntity {
    return link.responsibility;
  }

  @FieldResolver(() => Organization, { description: "组织 The organisation it applies to (above your scope: its name only)" })
  organization(@Ctx() ctx: RequestContext, @Root() link: TraceLink): Promise<OrganizationEntity> {
    return this.organizations.requireById(ctx, link.organizationId);
  }

  @FieldResolver(() => Appointment, { nullable: true, description: "责任岗位 The post holder who holds it; null for the organisation's own (collective) duty" })
  holder(@Root() link: TraceLink): AppointmentEntity | null {
    return link.holder;
  }
}

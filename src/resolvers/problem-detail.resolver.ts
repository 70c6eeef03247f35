import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { OrganizationEntity } from "../entities";
import type { ProblemCategoryEntity, ProblemEntity, ProblemEventEntity, RectificationProjectEntity } from "../entities/oversight.entities";
import type { AppointmentEntity } from "../entities/responsibility.entities";
import { OrganizationQueryService } from "../services/organization-query.service";
import { oversightLoaders } from "../services/oversight/oversight-loaders";
import { ProblemCategoryService } from "../services/oversight/problem-category.service";
import type { RequestContext } from "../services/request-context";
import { AppointmentService } from "../services/responsibility/appointment.service";
import { requireLocalId, toGlobalId } from "../schema/global-id";
import { Organization } from "../schema/organization.type";
import { CreateProblemCategoryInput, UpdateProblemCategoryInput } from "../schema/oversight.inputs";
import { Appointment } from "../schema/person.type";
import { Problem, ProblemCategory, ProblemEvent, RectificationProject } from "../schema/problem.type";

@Resolver(() => ProblemEvent)
export class ProblemEventResolver {
  constructor(private readonly organizations = new OrganizationQueryService()) {}

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() event: ProblemEventEntity): string {
    return toGlobalId("ProblemEvent", event.id);
  }

  @FieldResolver(() => RectificationProject, { nullable: true, description: "整改项目 The project a START_RECTIFICATION set" })
  project(@Ctx() ctx: RequestContext, @Root() event: ProblemEventEntity): Promise<RectificationProjectEntity | null> {
    return event.projectId === null ? Promise.resolve(null) : oversightLoaders(ctx).projectById.load(event.projectId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "验收单位 Who verified a VERIFY (销号)" })
  verifierOrganization(@Ctx() ctx: RequestContext, @Root() event: ProblemEventEntity): Promise<OrganizationEntity | null> {
    return event.verifierOrganizationId === null ? Promise.resolve(null) : this.organizations.byId(ctx, event.verifierOrganizationId);
  }
}

@Resolver(() => RectificationProject)
export class RectificationProjectResolver {
  constructor(private readonly appointments = new AppointmentService()) {}

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() project: RectificationProjectEntity): string {
    return toGlobalId("RectificationProject", project.id);
  }

  @FieldResolver(() => Appointment, { nullable: true, description: "整改负责人 Who leads it; null when the post was vacant" })
  owner(@Ctx() ctx: RequestContext, @Root() project: RectificationProjectEntity): Promise<AppointmentEntity | null> {
    return project.ownerAppointmentId === null ? Promise.resolve(null) : this.appointments.byId(ctx, project.ownerAppointmentId);
  }

  @FieldResolver(() => Problem, { description: "问题 The problem it fixes" })
  async problem(@Ctx() ctx: RequestContext, @Root() project: RectificationProjectEntity): Promise<ProblemEntity> {
    const found = await oversightLoaders(ctx).problemById.load(project.problemId);
    if (!found) throw new Error(`problem ${project.problemId} of project ${project.id} is missing`);
    return found;
  }
}

@Resolver(() => ProblemCategory)
export class ProblemCategoryResolver {
  constructor(private readonly categories = new ProblemCategoryService()) {}

  @Query(() => [ProblemCategory], { description: "问题类别 The categories problems are filed under, in display order" })
  problemCategories(
    @Ctx() ctx: RequestContext,
    @Arg("includeRetired", { defaultValue: false, description: "含停用 Include retired categories" }) includeRetired: boolean,
  ): Promise<ProblemCategoryEntity[]> {
    return this.categories.list(ctx, includeRetired);
  }

  @Mutation(() => ProblemCategory, { description: "新增问题类别 Add a category (unscoped administrators)" })
  createProblemCategory(@Ctx() ctx: RequestContext, @Arg("input", { description: "输入 The category" }) input: CreateProblemCategoryInput): Promise<ProblemCategoryEntity> {
    return this.categories.create(ctx, input.code, input.name, input.position);
  }

  @Mutation(() => ProblemCategory, { description: "修改问题类别 Rename, reorder or retire a category (unscoped administrators)" })
  updateProblemCategory(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "全局ID Global id" }) id: string,
    @Arg("input", { description: "修改 Changes" }) input: UpdateProblemCategoryInput,
  ): Promise<ProblemCategoryEntity> {
    return this.categories.update(ctx, requireLocalId(id, "ProblemCategory", "id"), input);
  }

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() category: ProblemCategoryEntity): string {
    return toGlobalId("ProblemCategory", category.id);
  }
}

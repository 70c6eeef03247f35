import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { OrganizationEntity } from "../entities";
import type { InspectionEntity, ProblemEntity } from "../entities/oversight.entities";
import { OrganizationQueryService } from "../services/organization-query.service";
import { InspectionService } from "../services/oversight/inspection.service";
import { OversightQueryService } from "../services/oversight/oversight-query.service";
import { ProblemQueryService } from "../services/oversight/problem-query.service";
import type { RequestContext } from "../services/request-context";
import { toConnection, type Connection } from "../schema/connection";
import { ConnectionArgs } from "../schema/connection.args";
import { requireLocalId, toGlobalId } from "../schema/global-id";
import { Inspection, InspectionConnection } from "../schema/inspection.type";
import { Organization } from "../schema/organization.type";
import { InspectionFilterInput, RecordInspectionInput } from "../schema/oversight.inputs";
import { ProblemConnection } from "../schema/problem.type";
import { isoDate, optionalIsoDate } from "./responsibility-args";

@Resolver(() => Inspection)
export class InspectionResolver {
  constructor(
    private readonly service = new InspectionService(),
    private readonly queries = new OversightQueryService(),
    private readonly problemQueries = new ProblemQueryService(),
    private readonly organizations = new OrganizationQueryService(),
  ) {}

  @Query(() => Inspection, { nullable: true, description: "督查 An inspection by id; null when unknown or outside your scope" })
  inspection(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "全局ID Global id" }) id: string): Promise<InspectionEntity | null> {
    return this.queries.inspectionById(ctx, requireLocalId(id, "Inspection", "id"));
  }

  @Query(() => InspectionConnection, { description: "督查列表 Inspections of organisations within your scope, in the order recorded" })
  async inspections(
    @Ctx() ctx: RequestContext,
    @Args() page: ConnectionArgs,
    @Arg("filter", () => InspectionFilterInput, { nullable: true, description: "筛选 Filter" }) filter?: InspectionFilterInput | null,
  ): Promise<Connection<InspectionEntity>> {
    const criteria = {
      underId: filter?.under == null ? null : requireLocalId(filter.under, "Organization", "under"),
      from: optionalIsoDate(filter?.from),
      to: optionalIsoDate(filter?.to),
    };
    const found = await this.queries.inspections(ctx, criteria, page);
    return toConnection(found, () => this.queries.inspectionCount(ctx, criteria));
  }

  @Mutation(() => Inspection, { description: "登记督查 Record an inspection; needs inspection.write in the inspected organisation's scope" })
  recordInspection(@Ctx() ctx: RequestContext, @Arg("input", { description: "输入 The inspection" }) input: RecordInspectionInput): Promise<InspectionEntity> {
    return this.service.record(ctx, {
      inspectingOrganizationId: requireLocalId(input.inspectingOrganizationId, "Organization", "inspectingOrganizationId"),
      inspectedOrganizationId: requireLocalId(input.inspectedOrganizationId, "Organization", "inspectedOrganizationId"),
      date: isoDate(input.date),
      method: input.method,
      findings: input.findings,
    });
  }

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() inspection: InspectionEntity): string {
    return toGlobalId("Inspection", inspection.id);
  }

  @FieldResolver(() => Organization, { description: "督查单位 Who inspected (above your scope: its name only)" })
  inspectingOrganization(@Ctx() ctx: RequestContext, @Root() inspection: InspectionEntity): Promise<OrganizationEntity> {
    return this.organizations.requireById(ctx, inspection.inspectingOrganizationId);
  }

  @FieldResolver(() => Organization, { description: "被督查单位 Who was inspected" })
  inspectedOrganization(@Ctx() ctx: RequestContext, @Root() inspection: InspectionEntity): Promise<OrganizationEntity> {
    return this.organizations.requireById(ctx, inspection.inspectedOrganizationId);
  }

  @FieldResolver(() => ProblemConnection, { description: "发现问题 The problems it found, in the order recorded" })
  async problems(@Ctx() ctx: RequestContext, @Root() inspection: InspectionEntity, @Args() page: ConnectionArgs): Promise<Connection<ProblemEntity>> {
    const filter = { inspectionId: inspection.id };
    const found = await this.problemQueries.list(ctx, filter, page);
    return toConnection(found, () => this.problemQueries.count(ctx, filter));
  }
}

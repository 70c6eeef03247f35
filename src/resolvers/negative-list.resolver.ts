import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { AssessmentPeriodEntity, type OrganizationEntity } from "../entities";
import type { NegativeListEntryEntity } from "../entities/oversight.entities";
import { OrganizationQueryService } from "../services/organization-query.service";
import { NegativeListService } from "../services/oversight/negative-list.service";
import { OversightQueryService } from "../services/oversight/oversight-query.service";
import type { RequestContext } from "../services/request-context";
import { NegativeListEntry, NegativeListEntryConnection } from "../schema/accountability.type";
import { AssessmentPeriod } from "../schema/assessment-period.type";
import { toConnection, type Connection } from "../schema/connection";
import { ConnectionArgs } from "../schema/connection.args";
import { requireLocalId, toGlobalId } from "../schema/global-id";
import { Organization } from "../schema/organization.type";

@Resolver(() => NegativeListEntry)
export class NegativeListEntryResolver {
  constructor(
    private readonly service = new NegativeListService(),
    private readonly queries = new OversightQueryService(),
    private readonly organizations = new OrganizationQueryService(),
  ) {}

  @Query(() => NegativeListEntryConnection, { description: "负面清单 A period's negative list within your scope (or under an organisation), in the order listed" })
  async negativeList(
    @Ctx() ctx: RequestContext,
    @Args() page: ConnectionArgs,
    @Arg("period", { description: "周期 Period code" }) period: string,
    @Arg("under", () => ID, { nullable: true, description: "范围 Subtree root" }) under?: string | null,
  ): Promise<Connection<NegativeListEntryEntity>> {
    const underId = under == null ? null : requireLocalId(under, "Organization", "under");
    const found = await this.queries.negativeList(ctx, period, underId, page);
    return toConnection(found, () => this.queries.negativeListCount(ctx, period, underId));
  }

  @Mutation(() => NegativeListEntry, { description: "列入负面清单 List an organisation for an open period: its grade there may not be EXCELLENT" })
  addToNegativeList(
    @Ctx() ctx: RequestContext,
    @Arg("organizationId", () => ID, { description: "组织 The organisation" }) organizationId: string,
    @Arg("period", { description: "周期 Period code" }) period: string,
    @Arg("reason", { description: "理由 Reason" }) reason: string,
  ): Promise<NegativeListEntryEntity> {
    return this.service.add(ctx, requireLocalId(organizationId, "Organization", "organizationId"), period, reason);
  }

  @Mutation(() => NegativeListEntry, { description: "移出负面清单 Remove an entry listed in error (open periods only); returns the removed entry" })
  removeFromNegativeList(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "条目 The entry" }) id: string,
    @Arg("reason", { description: "理由 Why it is removed" }) reason: string,
  ): Promise<NegativeListEntryEntity> {
    return this.service.remove(ctx, requireLocalId(id, "NegativeListEntry", "id"), reason);
  }

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() entry: NegativeListEntryEntity): string {
    return toGlobalId("NegativeListEntry", entry.id);
  }

  @FieldResolver(() => Organization, { description: "组织 The organisation listed" })
  organization(@Ctx() ctx: RequestContext, @Root() entry: NegativeListEntryEntity): Promise<OrganizationEntity> {
    return this.organizations.requireById(ctx, entry.organizationId);
  }

  @FieldResolver(() => AssessmentPeriod, { description: "周期 The period" })
  period(@Ctx() ctx: RequestContext, @Root() entry: NegativeListEntryEntity): Promise<AssessmentPeriodEntity> {
    return ctx.em.findOneByOrFail(AssessmentPeriodEntity, { id: entry.periodId });
  }
}

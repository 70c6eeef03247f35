import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { OrganizationEntity } from "../entities";
import { requireFullRead } from "../services/auth/organization-access";
import { BadUserInputError } from "../services/errors";
import { OrganizationQueryService, type OrganizationFilter } from "../services/organization-query.service";
import type { RequestContext } from "../services/request-context";
import { ConnectionArgs } from "../schema/connection.args";
import { toConnection, type Connection } from "../schema/connection";
import { requireLocalId, toGlobalId } from "../schema/global-id";
import { OrganizationFilterInput } from "../schema/organization-filter.input";
import { Organization, OrganizationConnection } from "../schema/organization.type";

export function toOrganizationFilter(input: OrganizationFilterInput | null | undefined): OrganizationFilter {
  return {
    ...input,
    underId: input?.under == null ? null : requireLocalId(input.under, "Organization", "under"),
  };
}

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly queries = new OrganizationQueryService()) {}

  @Query(() => Organization, {
    nullable: true,
    description: "按ID或编码取党组织 One organisation by id or by code (exactly one of the two); null when unknown",
  })
  async organization(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { nullable: true }) id?: string | null,
    @Arg("code", () => String, { nullable: true }) code?: string | null,
  ): Promise<OrganizationEntity | null> {
    if ((id == null) === (code == null)) {
      throw new BadUserInputError("give exactly one of id and code", [{ column: "id", reason: "give exactly one of id and code" }]);
    }
    return id != null ? this.queries.byId(ctx, requireLocalId(id, "Organization", "id")) : this.queries.byCode(ctx, code!);
  }

  @Query(() => OrganizationConnection, { description: "党组织列表 Organisations by code ascending" })
  async organizations(
    @Ctx() ctx: RequestContext,
    @Args() page: ConnectionArgs,
    @Arg("filter", () => OrganizationFilterInput, { nullable: true }) filter?: OrganizationFilterInput | null,
  ): Promise<Connection<OrganizationEntity>> {
    const criteria = toOrganizationFilter(filter);
    const found = await this.queries.list(ctx, criteria, page);
    return toConnection(found, () => this.queries.count(ctx, criteria));
  }

  @FieldResolver(() => ID)
  id(@Root() organization: OrganizationEntity): string {
    return toGlobalId("Organization", organization.id);
  }

  @FieldResolver(() => Int, { description: "党员人数 Number of members (within your scope only)" })
  async memberCount(@Ctx() ctx: RequestContext, @Root() organization: OrganizationEntity): Promise<number> {
    await requireFullRead(ctx, organization);
    return organization.memberCount;
  }

  @FieldResolver(() => Organization, { nullable: true, description: "上级 Parent; null for a root" })
  parent(@Ctx() ctx: RequestContext, @Root() organization: OrganizationEntity): Promise<OrganizationEntity | null> {
    return this.queries.parent(ctx, organization);
  }

  @FieldResolver(() => [Organization], { description: "上级链 Ancestors, root first, without itself" })
  ancestors(@Ctx() ctx: RequestContext, @Root() organization: OrganizationEntity): Promise<OrganizationEntity[]> {
    return this.queries.ancestors(ctx, organization);
  }

  @FieldResolver(() => OrganizationConnection, { description: "下级 Active children by code ascending" })
  async children(
    @Ctx() ctx: RequestContext,
    @Root() organization: OrganizationEntity,
    @Args() page: ConnectionArgs,
  ): Promise<Connection<OrganizationEntity>> {
    const found = await this.queries.children(ctx, organization, page);
    return toConnection(found, () => this.queries.childCount(ctx, organization));
  }

  @FieldResolver(() => OrganizationConnection, {
    description: "所有下级 Descendants without itself, in tree pre-order (depth first; siblings in creation order)",
  })
  async descendants(
    @Ctx() ctx: RequestContext,
    @Root() organization: OrganizationEntity,
    @Args() page: ConnectionArgs,
    @Arg("filter", () => OrganizationFilterInput, { nullable: true }) filter?: OrganizationFilterInput | null,
  ): Promise<Connection<OrganizationEntity>> {
    const criteria = toOrganizationFilter(filter);
    const found = await this.queries.descendants(ctx, organization, criteria, page);
    return toConnection(found, () => this.queries.descendantCount(ctx, organization, criteria));
  }
}

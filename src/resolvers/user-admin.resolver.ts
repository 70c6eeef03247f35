import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { UserEntity } from "../entities";
import { UserAdminService } from "../services/auth/user-admin.service";
import type { RequestContext } from "../services/request-context";
import { CreateUserInput, RescopeUserArgs } from "../schema/auth.inputs";
import { ConnectionArgs } from "../schema/connection.args";
import { toConnection, type Connection } from "../schema/connection";
import { requireLocalId } from "../schema/global-id";
import { User, UserConnection } from "../schema/user.type";

/** Account administration (role ADMIN); a scoped administrator manages the users of its subtree. */
@Resolver()
export class UserAdminResolver {
  constructor(private readonly admin = new UserAdminService()) {}

  @Query(() => UserConnection, { description: "用户列表 Users you manage, by username" })
  async users(@Ctx() ctx: RequestContext, @Args() page: ConnectionArgs): Promise<Connection<UserEntity>> {
    const found = await this.admin.list(ctx, page);
    return toConnection(found, () => this.admin.count(ctx));
  }

  @Mutation(() => User, { description: "新建用户 Create a user" })
  createUser(@Ctx() ctx: RequestContext, @Arg("input") input: CreateUserInput): Promise<UserEntity> {
    const scopeOrganizationId = input.scopeId == null ? null : requireLocalId(input.scopeId, "Organization", "scopeId");
    return this.admin.create(ctx, { ...input, scopeOrganizationId });
  }

  @Mutation(() => User, { description: "停用用户 Disable a user: it can no longer log in and its tokens stop working" })
  disableUser(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "用户ID User id" }) id: string): Promise<UserEntity> {
    return this.admin.disable(ctx, requireLocalId(id, "User", "id"));
  }

  @Mutation(() => User, { description: "启用用户 Enable a disabled user again; it must log in anew" })
  enableUser(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "用户ID User id" }) id: string): Promise<UserEntity> {
    return this.admin.enable(ctx, requireLocalId(id, "User", "id"));
  }

  @Mutation(() => User, { description: "调整管辖范围 Give a user another scope organisation; null = the whole forest (ADMIN only)" })
  rescopeUser(@Ctx() ctx: RequestContext, @Args() { id, scopeId }: RescopeUserArgs): Promise<UserEntity> {
    const scopeOrganizationId = scopeId == null ? null : requireLocalId(scopeId, "Organization", "scopeId");
    return this.admin.rescope(ctx, requireLocalId(id, "User", "id"), scopeOrganizationId);
  }
}

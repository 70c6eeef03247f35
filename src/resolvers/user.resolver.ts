import { Ctx, FieldResolver, ID, Int, Resolver, Root } from "type-graphql";
import type { OrganizationEntity, UserEntity } from "../entities";
import { OrganizationQueryService } from "../services/organization-query.service";
import type { RequestContext } from "../services/request-context";
import type { Connection } from "../schema/connection";
import { toGlobalId } from "../schema/global-id";
import { Organization } from "../schema/organization.type";
import { User, UserConnection } from "../schema/user.type";

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly organizations = new OrganizationQueryService()) {}

  @FieldResolver(() => ID)
  id(@Root() user: UserEntity): string {
    return toGlobalId("User", user.id);
  }

  /** Through the loader, so a page of users costs one statement for all their scopes. */
  @FieldResolver(() => Organization, { nullable: true })
  scope(@Ctx() ctx: RequestContext, @Root() user: UserEntity): Promise<OrganizationEntity | null> | null {
    return user.scopeOrganizationId === null ? null : this.organizations.byId(ctx, user.scopeOrganizationId);
  }
}

/** totalCount costs a COUNT, so it runs only when a client asks for it. */
@Resolver(() => UserConnection)
export class UserConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() connection: Connection<unknown>): Promise<number> {
    return connection.totalCount();
  }
}

import { FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Connection } from "../schema/connection";
import { OrganizationConnection } from "../schema/organization.type";

/** totalCount costs a COUNT, so it runs only when a client asks for it. */
@Resolver(() => OrganizationConnection)
export class OrganizationConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() connection: Connection<unknown>): Promise<number> {
    return connection.totalCount();
  }
}

import { FieldResolver, Int, Resolver, Root } from "type-graphql";
import { AccountabilityCaseConnection, NegativeListEntryConnection } from "../schema/accountability.type";
import type { Connection } from "../schema/connection";
import { InspectionConnection } from "../schema/inspection.type";
import { ProblemConnection } from "../schema/problem.type";

/** totalCount costs a COUNT, so it runs only when a client asks for it. */
@Resolver(() => ProblemConnection)
export class ProblemConnectionResolver {
  @FieldResolver(() => Int, { description: "总数 Size of the whole connection" })
  totalCount(@Root() connection: Connection<unknown>): Promise<number> {
    return connection.totalCount();
  }
}

@Resolver(() => InspectionConnection)
export class InspectionConnectionResolver {
  @FieldResolver(() => Int, { description: "总数 Size of the whole connection" })
  totalCount(@Root() connection: Connection<unknown>): Promise<number> {
    return connection.totalCount();
  }
}

@Resolver(() => AccountabilityCaseConnection)
export class AccountabilityCaseConnectionResolver {
  @FieldResolver(() => Int, { description: "总数 Size of the whole connection" })
  totalCount(@Root() connection: Connection<unknown>): Promise<number> {
    return connection.totalCount();
  }
}

@Resolver(() => NegativeListEntryConnection)
export class NegativeListEntryConnectionResolver {
  @FieldResolver(() => Int, { description: "总数 Size of the whole connection" })
  totalCount(@Root() connection: Connection<unknown>): Promise<number> {
    return connection.totalCount();
  }
}

import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { AuditEntryEntity } from "../entities";
import { AuditService } from "../services/audit/audit.service";
import type { RequestContext } from "../services/request-context";
import { AuditEntry, AuditEntryConnection } from "../schema/audit-entry.type";
import { AuditLogFilterInput } from "../schema/audit-log-filter.input";
import { ConnectionArgs } from "../schema/connection.args";
import { toConnection, type Connection } from "../schema/connection";
import { toGlobalId } from "../schema/global-id";

@Resolver(() => AuditEntry)
export class AuditLogResolver {
  constructor(private readonly audit = new AuditService()) {}

  @Query(() => AuditEntryConnection, { description: "审计日志 The audit log, newest first (administrators; a scoped one sees its subtree)" })
  async auditLog(
    @Ctx() ctx: RequestContext,
    @Args() page: ConnectionArgs,
    @Arg("filter", () => AuditLogFilterInput, { nullable: true, description: "筛选 Filter" }) filter?: AuditLogFilterInput | null,
  ): Promise<Connection<AuditEntryEntity>> {
    const criteria = filter ?? {};
    const found = await this.audit.list(ctx, criteria, page);
    return toConnection(found, () => this.audit.count(ctx, criteria));
  }

  @FieldResolver(() => ID)
  id(@Root() entry: AuditEntryEntity): string {
    return toGlobalId("AuditEntry", entry.id);
  }

  @FieldResolver(() => String)
  actor(@Root() entry: AuditEntryEntity): string {
    return entry.actorName;
  }

  /** Numeric local ids become the global ids clients use elsewhere; other keys are shown as stored. */
  @FieldResolver(() => ID, { nullable: true })
  targetId(@Root() entry: AuditEntryEntity): string | null {
    if (entry.targetId === null) return null;
    return /^[1-9]\d{0,9}$/.test(entry.targetId) ? toGlobalId(entry.targetType, Number(entry.targetId)) : entry.targetId;
  }
}

/** totalCount costs a COUNT, so it runs only when a client asks for it. */
@Resolver(() => AuditEntryConnection)
export class AuditEntryConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() connection: Connection<unknown>): Promise<number> {
    return connection.totalCount();
  }
}

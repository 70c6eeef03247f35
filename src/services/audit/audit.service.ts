import { AuditEntryEntity } from "../../entities";
import type { Actor } from "../auth/actor";
import { assertRoleAllows, scopeRange } from "../auth/authorization";
import { normalizeUsername } from "../auth/credential-rules";
import { requireActor } from "../auth/request-auth";
import { BadUserInputError } from "../errors";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "../pagination";
import type { RequestContext } from "../request-context";
import type { AuditAction } from "./audit-action";

export interface AuditRecord {
  action: AuditAction;
  /** GraphQL type name of what changed, e.g. "User". */
  targetType: string;
  targetId: number | string | null;
  /** Path of the organisation the change concerns, so scoped administrators see it; null = forest-wide. */
  orgPath: string | null;
  before?: object | null;
  after?: object | null;
  /** Who acted, when not the request's actor (a login, start-up work). */
  actor?: Actor;
}

export interface AuditFilter {
  action?: string | null;
  /** Username of the actor ("system" for the system). */
  actor?: string | null;
  targetType?: string | null;
  /** Inclusive. */
  since?: Date | null;
  /** Exclusive. */
  until?: Date | null;
}

/**
 * A TEXT column holds 65,535 bytes on MySQL; a snapshot bigger than this is replaced by a
 * note of its size rather than failing the mutation it records. Callers keep snapshots small
 * (an import records a summary, not its rows).
 */
const MAX_SNAPSHOT_BYTES = 60_000;
const BY_ID = "audit";

/**
 * The audit log: append-only (this service has no update or delete, and nothing else writes
 * the table). An entry is written in the transaction of the change it records, so it commits
 * and rolls back with it.
 */
export class AuditService {
  async record(ctx: RequestContext, entry: AuditRecord): Promise<void> {
    if (!ctx.em.queryRunner?.isTransactionActive) {
      throw new Error(`audit entry "${entry.action}" written outside a transaction: record it inside the mutation's inTransaction`);
    }
    const actor = entry.actor ?? (await requireActor(ctx));
    await ctx.em.insert(AuditEntryEntity, {
      actorId: actor.userId,
      actorName: actor.username,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === null ? null : String(entry.targetId),
      orgPath: entry.orgPath,
      before: boundedSnapshot(entry.before),
      after: boundedSnapshot(entry.after),
      requestId: ctx.requestId.slice(0, 64),
    });
    ctx.audit.entriesWritten++;
  }

  /** Newest first. Administrators only; a scoped one sees the entries of its subtree. */
  async list(ctx: RequestContext, filter: AuditFilter, request: PageRequest): Promise<Page<AuditEntryEntity>> {
    const size = pageSize(request.first);
    const after = decodeCursor(BY_ID, request.after);
    const query = await this.filtered(ctx, filter);
    if (after !== null) query.andWhere("a.id < :after", { after: Number(after) });
    const rows = await query.orderBy("a.id", "DESC").limit(size + 1).getMany();
    return toPage(rows, size, after, (row) => encodeCursor(BY_ID, String(row.id)));
  }

  async count(ctx: RequestContext, filter: AuditFilter): Promise<number> {
    return (await this.filtered(ctx, filter)).getCount();
  }

  private async filtered(ctx: RequestContext, filter: AuditFilter) {
    const actor = await requireActor(ctx);
    assertRoleAllows(actor, "audit.read");
    if (filter.since && filter.until && filter.since >= filter.until) {
      throw new BadUserInputError("since must be before until", [{ column: "since", reason: "must be before until" }]);
    }
    const query = ctx.em.createQueryBuilder(AuditEntryEntity, "a");
    const range = scopeRange(actor);
    if (range) query.andWhere("a.org_path >= :lower AND a.org_path < :upper", range);
    if (filter.action) query.andWhere("a.action = :action", { action: filter.action.trim() });
    if (filter.actor) query.andWhere("a.actor_name = :actorName", { actorName: normalizeUsername(filter.actor) });
    if (filter.targetType) query.andWhere("a.target_type = :targetType", { targetType: filter.targetType.trim() });
    if (filter.since) query.andWhere("a.occurred_at >= :since", { since: dbTime(ctx, filter.since, "floor") });
    if (filter.until) query.andWhere("a.occurred_at < :until", { until: dbTime(ctx, filter.until, "ceil") });
    return query;
  }
}

function boundedSnapshot(value: object | null | undefined): object | null {
  if (value === undefined || value === null) return null;
  const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
  return bytes > MAX_SNAPSHOT_BYTES ? { truncated: true, bytes } : value;
}

/**
 * SQLite stores `datetime('now')` as "YYYY-MM-DD HH:MM:SS" text in UTC (whole seconds), and
 * compares text: the bound is written the same way. Rounding leans inclusive (since down,
 * until up), so an entry within the bounding second is listed rather than lost.
 */
function dbTime(ctx: RequestContext, time: Date, rounding: "floor" | "ceil"): Date | string {
  if (ctx.dialect !== "sqlite") return time;
  const seconds = (rounding === "floor" ? Math.floor : Math.ceil)(time.getTime() / 1000);
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
}

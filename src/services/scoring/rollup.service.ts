import { AssessmentPeriodEntity, OrganizationEntity, OrgStatus, PeriodStatus } from "../../entities";
import { ScoreRollupStateEntity } from "../../entities/assessment.entities";
import { PeriodClosedError } from "../errors";
import { childPath, idsOnPath, subtreeRange } from "../organization-path";
import type { RequestContext } from "../request-context";
import { onTreeChange, type TreeChange } from "../tree-events";
import { inTransaction } from "../transaction";
import { placeholders, recomputeStatement, type NodeSelection, type NodeSource } from "./rollup-statements";

/**
 * Keeps score_rollup current (DOMAIN.md §3): a score change rewrites the rows of the
 * organisation and its ancestors only, O(depth) rows and statements, in the transaction of
 * the change; tree changes (create, move, dissolve) rewrite the affected chains of every
 * OPEN period in the tree's transaction; CLOSED periods are never touched, so their figures
 * stay as they were when they closed. `recompute` rebuilds a subtree (or a whole period)
 * from the tree and the assessments, level by level, with the same per-node statement.
 *
 * Locking (MySQL family; SQLite serialises writers already), one order for everyone:
 * organisation rows → period row → roll-up chain rows, root first → score rows. A score
 * writer locks its organisation (no move can change its path meanwhile), takes a shared
 * lock on its period row (a close waits for it, and it sees a committed close), then the
 * roll-up rows of its chain in path order, so writers in one tree queue at the root
 * instead of deadlocking; a tree change locks its organisation rows, then the period
 * rows, then the chains. Bulk writers (imports, recompute) take the period row
 * exclusively. The remaining deadlock (a first build or an import racing a move that
 * holds organisation rows) is left to the transaction wrapper's retry.
 */

/** Ids per IN list: far below SQLite's 32,766 bound parameters and MySQL's packet size. */
const CHUNK = 1000;
/** Above this many chain rows a batch recomputes the whole period level by level instead. */
const LEVEL_RECOMPUTE_THRESHOLD = 20_000;
/** Above this many imported subtrees a period is rebuilt in one pass rather than subtree by subtree. */
const MANY_ROOTS = 2_000;

export class RollupService {
  /** Whether the period's rows have been built (its first score write builds them). */
  async isBuilt(ctx: RequestContext, periodId: number, options: { locking?: boolean } = {}): Promise<boolean> {
    // A locking read sees the latest commit, whatever snapshot the transaction took before.
    const lock = options.locking && ctx.dialect === "mysql" ? " LOCK IN SHARE MODE" : "";
    const rows: unknown[] = await ctx.em.query(`SELECT period_id FROM score_rollup_state WHERE period_id = ?${lock}`, [periodId]);
    return rows.length > 0;
  }

  /**
   * Builds the period's rows if it has none yet: one set-based pass over the forest. Runs
   * in a transaction of its own when the caller has none (so concurrent first writers wait
   * for one build instead of each building), under an exclusive lock on the period row.
   */
  async ensureBuilt(ctx: RequestContext, period: AssessmentPeriodEntity): Promise<void> {
    if (await this.isBuilt(ctx, period.id)) return;
    await inTransaction(ctx, async (tx) => {
      const current = await lockPeriod(tx, period.id, "exclusive");
      if (await this.isBuilt(tx, period.id, { locking: true })) return;
      if (current.status === PeriodStatus.CLOSED) throw new PeriodClosedError(current.code);
      await this.rebuild(tx, period.id, null);
      await tx.em.insert(ScoreRollupStateEntity, { periodId: period.id, builtAt: new Date().toISOString() });
    });
  }

  /**
   * After own scores of `organizationIds` changed in an OPEN, built period, inside the
   * writer's transaction: recomputes their chains, deepest first. The caller holds either
   * the chains (lockChain, a single writer) or the period row exclusively (a bulk writer).
   * Organisations without a row (dissolved) change nothing.
   */
  async afterScoresChanged(tx: RequestContext, periodId: number, organizationIds: number[], options: { livePaths?: Map<number, string> } = {}): Promise<void> {
    // A single writer holds its organisation's row (lockOrganizationRow), so the live path it
    // read there cannot change before it commits, and in an OPEN period it is the row's path.
    const paths = options.livePaths ?? (await this.pathsOf(tx, periodId, organizationIds));
    if (paths.size === 0) return;
    const chain = chainsOf([...paths.values()]);
    if (chain.size > LEVEL_RECOMPUTE_THRESHOLD) {
      await this.recomputeLevels(tx, periodId, "rows", null, null);
      return;
    }
    await this.recomputeChain(tx, periodId, chain);
  }

  /**
   * Locks the roll-up rows of an organisation's chain in an OPEN period, root first. A single
   * writer takes them before it touches any score row, in the order every writer uses:
   * organisation row → period row → roll-up chain (root first) → score rows. A tree change
   * takes the organisation rows, then the period row, then the chains, the same way.
   */
  async lockChain(tx: RequestContext, periodId: number, path: string): Promise<void> {
    await this.lockChainRows(tx, periodId, [...chainsOf([path]).values()]);
  }

  /**
   * Rebuilds the rows of a subtree (`under`) or of the whole period from the live tree and
   * the assessments, then the chain above `under`. A repair tool, and the period's first build.
   */
  async rebuild(tx: RequestContext, periodId: number, under: OrganizationEntity | null): Promise<void> {
    const range = under ? subtreeRange(under.path) : null;
    const stale = range ? " AND path >= ? AND path < ?" : "";
    await tx.em.query(
      `DELETE FROM score_rollup WHERE period_id = ?${stale}
         AND NOT EXISTS (SELECT 1 FROM organization o
           WHERE o.id = score_rollup.organization_id AND o.status = ? AND o.path = score_rollup.path)`,
      [periodId, ...(range ? [range.lower, range.upper] : []), OrgStatus.ACTIVE],
    );
    if (under && under.status === OrgStatus.ACTIVE) {
      await this.recomputeLevels(tx, periodId, "tree", range, under.depth);
    } else if (!under) {
      await this.recomputeLevels(tx, periodId, "tree", null, null);
    }
    if (under) await this.recomputeChain(tx, periodId, chainsOf([under.path], { withoutSelf: true }));
  }

  /** Rows of every OPEN, built period; registered below as the tree-change listener. */
  async treeChanged(tx: RequestContext, change: TreeChange): Promise<void> {
    const periodIds = await openBuiltPeriods(tx);
    for (const periodId of periodIds) {
      switch (change.type) {
        case "created":
          await this.created(tx, periodId, change.roots);
          break;
        case "moved":
          await this.moved(tx, periodId, change.organization, change.oldPath);
          break;
        case "dissolved":
          await this.dissolved(tx, periodId, change.organization);
          break;
      }
    }
  }

  private async created(tx: RequestContext, periodId: number, roots: OrganizationEntity[]): Promise<void> {
    // Each root's subtree holds new organisations only, so its range is built from the
    // tree, level by level; then the chains above the roots. An import with very many
    // roots (scattered small subtrees) rebuilds the period in one pass instead.
    if (roots.length > MANY_ROOTS) {
      await this.rebuild(tx, periodId, null);
      return;
    }
    const above = chainsOf(
      roots.map((root) => root.path),
      { withoutSelf: true },
    );
    await this.lockChainRows(tx, periodId, [...above.values()]);
    for (const root of roots) {
      if (root.status !== OrgStatus.ACTIVE) continue;
      await this.recomputeLevels(tx, periodId, "tree", subtreeRange(root.path), root.depth);
    }
    await this.recomputeChain(tx, periodId, above);
  }

  private async moved(tx: RequestContext, periodId: number, organization: OrganizationEntity, oldPath: string): Promise<void> {
    const chains = chainsOf([oldPath, organization.path], { withoutSelf: true });
    await this.lockChainRows(tx, periodId, [...chains.values()]);
    const { lower, upper } = subtreeRange(oldPath);
    await tx.em.query(
      `UPDATE score_rollup SET path = CONCAT(?, SUBSTR(path, ?)), depth = depth + ? WHERE period_id = ? AND path >= ? AND path < ?`,
      [organization.path, oldPath.length + 1, organization.depth - (idsOnPath(oldPath).length - 1), periodId, lower, upper],
    );
    await tx.em.query(`UPDATE score_rollup SET parent_id = ? WHERE period_id = ? AND organization_id = ?`, [
      organization.parentId,
      periodId,
      organization.id,
    ]);
    await this.recomputeChain(tx, periodId, chains);
  }

  private async dissolved(tx: RequestContext, periodId: number, organization: OrganizationEntity): Promise<void> {
    const above = chainsOf([organization.path], { withoutSelf: true });
    await this.lockChainRows(tx, periodId, [...above.values()]);
    const { lower, upper } = subtreeRange(organization.path);
    await tx.em.query(`DELETE FROM score_rollup WHERE period_id = ? AND path >= ? AND path < ?`, [periodId, lower, upper]);
    await this.recomputeChain(tx, periodId, above);
  }

  /** Recomputes the given nodes deepest first; `chain` maps id → path (in the period's tree). */
  private async recomputeChain(tx: RequestContext, periodId: number, chain: Map<number, string>): Promise<void> {
    const byDepth = new Map<number, number[]>();
    for (const [id, path] of chain) {
      const depth = idsOnPath(path).length - 1;
      byDepth.set(depth, [...(byDepth.get(depth) ?? []), id]);
    }
    const depths = [...byDepth.keys()].sort((a, b) => b - a);
    for (const depth of depths) {
      const ids = byDepth.get(depth)!;
      for (let start = 0; start < ids.length; start += CHUNK) {
        await this.run(tx, periodId, "rows", { kind: "ids", ids: ids.slice(start, start + CHUNK) });
      }
    }
  }

  /** One statement per level, deepest first, from `topDepth` (or 0) down to the subtree's deepest node. */
  private async recomputeLevels(
    tx: RequestContext,
    periodId: number,
    source: NodeSource,
    range: { lower: string; upper: string } | null,
    topDepth: number | null,
  ): Promise<void> {
    const table = source === "tree" ? "organization" : "score_rollup";
    const filter = source === "tree" ? "status = ?" : "period_id = ?";
    const params: unknown[] = [source === "tree" ? OrgStatus.ACTIVE : periodId];
    let where = filter;
    if (range) {
      where += " AND path >= ? AND path < ?";
      params.push(range.lower, range.upper);
    }
    const [{ deepest }] = await tx.em.query(`SELECT MAX(depth) AS deepest FROM ${table} WHERE ${where}`, params);
    if (deepest === null || deepest === undefined) return;
    for (let depth = Number(deepest); depth >= (topDepth ?? 0); depth--) {
      await this.run(tx, periodId, source, { kind: "level", depth, range });
    }
  }

  private async run(tx: RequestContext, periodId: number, source: NodeSource, selection: NodeSelection): Promise<void> {
    const { sql, params } = recomputeStatement(tx.dialect, periodId, source, selection);
    await tx.em.query(sql, params);
  }

  /** The rows' paths in the period's tree, for the organisations that have a row. */
  private async pathsOf(tx: RequestContext, periodId: number, organizationIds: number[]): Promise<Map<number, string>> {
    const paths = new Map<number, string>();
    for (let start = 0; start < organizationIds.length; start += CHUNK) {
      const chunk = organizationIds.slice(start, start + CHUNK);
      // Locking read: the latest paths, not the transaction's snapshot (callers hold the period exclusively).
      const lock = tx.dialect === "mysql" ? " LOCK IN SHARE MODE" : "";
      const rows: { organization_id: number | string; path: string }[] = await tx.em.query(
        `SELECT organization_id, path FROM score_rollup WHERE period_id = ? AND organization_id IN (${placeholders(chunk.length)})${lock}`,
        [periodId, ...chunk],
      );
      for (const row of rows) paths.set(Number(row.organization_id), row.path);
    }
    return paths;
  }

  /**
   * Locks the rows at these paths root first (byte order of paths = tree pre-order, so an
   * ancestor comes before its descendants). The unique
   * (period_id, path) index is scanned in path order, which is the order locks are taken.
   */
  private async lockChainRows(tx: RequestContext, periodId: number, paths: string[]): Promise<void> {
    if (tx.dialect !== "mysql" || paths.length === 0) return;
    const sorted = [...paths].sort();
    for (let start = 0; start < sorted.length; start += CHUNK) {
      const chunk = sorted.slice(start, start + CHUNK);
      await tx.em.query(
        `SELECT organization_id FROM score_rollup WHERE period_id = ? AND path IN (${placeholders(chunk.length)}) ORDER BY path FOR UPDATE`,
        [periodId, ...chunk],
      );
    }
  }
}

/** Every node on the given paths (optionally without the last node of each), id → its path. */
function chainsOf(paths: string[], options: { withoutSelf?: boolean } = {}): Map<number, string> {
  const chain = new Map<number, string>();
  for (const path of paths) {
    const ids = idsOnPath(path);
    const last = options.withoutSelf ? ids.length - 1 : ids.length;
    let prefix: string | null = null;
    for (let i = 0; i < last; i++) {
      prefix = childPath(prefix, ids[i]);
      chain.set(ids[i], prefix);
    }
  }
  return chain;
}

/** OPEN periods that have rows, share-locked so a close waits for this transaction. */
async function openBuiltPeriods(tx: RequestContext): Promise<number[]> {
  const lock = tx.dialect === "mysql" ? " LOCK IN SHARE MODE" : "";
  const rows: { id: number | string }[] = await tx.em.query(
    `SELECT p.id AS id FROM assessment_period p JOIN score_rollup_state s ON s.period_id = p.id
     WHERE p.status = ? ORDER BY p.id${lock}`,
    [PeriodStatus.OPEN],
  );
  return rows.map((row) => Number(row.id));
}

/**
 * Reads the period row under a lock: "shared" for a score writer (a close waits, and a
 * committed close is seen), "exclusive" for bulk work on the whole period.
 */
export async function lockPeriod(tx: RequestContext, periodId: number, mode: "shared" | "exclusive"): Promise<AssessmentPeriodEntity> {
  const query = tx.em.createQueryBuilder(AssessmentPeriodEntity, "p").where("p.id = :id", { id: periodId });
  if (tx.dialect === "mysql") query.setLock(mode === "shared" ? "pessimistic_read" : "pessimistic_write");
  return query.getOneOrFail();
}

/**
 * Serialises the writers of one subject (an organisation's or a post holder's score) on
 * MySQL-family engines, and keeps a move from changing the organisation's path until the
 * writer commits (a move locks every organisation row of the moved subtree). Returns the
 * organisation's current path.
 *
 * The transaction may already hold a snapshot taken before this lock (every mutation runs
 * in one transaction that starts before the service), so what the writer reads to compute
 * a score afterwards is read with locking reads, which see the latest commits.
 */
export async function lockOrganizationRow(tx: RequestContext, id: number): Promise<string> {
  const lock = tx.dialect === "mysql" ? " FOR UPDATE" : "";
  const rows: { path: string }[] = await tx.em.query(`SELECT path FROM organization WHERE id = ?${lock}`, [id]);
  return rows[0].path;
}

export async function lockAppointmentRow(tx: RequestContext, id: number): Promise<void> {
  if (tx.dialect === "mysql") await tx.em.query(`SELECT id FROM appointment WHERE id = ? FOR UPDATE`, [id]);
}

/** " LOCK IN SHARE MODE" on MySQL-family engines: a read of the latest commit inside a transaction. */
export function sharedReadLock(tx: RequestContext): string {
  return tx.dialect === "mysql" ? " LOCK IN SHARE MODE" : "";
}

/** The one instance whose listener keeps the rows of open periods in step with the tree. */
export const rollupService = new RollupService();
onTreeChange((tx, change) => rollupService.treeChanged(tx, change));

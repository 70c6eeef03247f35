import { createLoaders } from "../loaders";
import type { RequestContext } from "./request-context";

/**
 * Runs `work` in one transaction and hands it a context whose `em` and loaders belong to
 * that transaction. Nested calls join the open transaction.
 *
 * SQLite (better-sqlite3) has one connection, so TypeORM cannot open two transactions at
 * once: writers queue here. MySQL-family engines may pick a transaction as a deadlock
 * victim; it is retried from the start, as Vendure's transaction wrapper does.
 */
const MAX_ATTEMPTS = 3;
const RETRYABLE_MYSQL_ERRORS = new Set(["ER_LOCK_DEADLOCK", "ER_LOCK_WAIT_TIMEOUT"]);

let sqliteQueue: Promise<unknown> = Promise.resolve();

export async function inTransaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
  if (ctx.em.queryRunner?.isTransactionActive) return work(ctx);
  const run = () => runWithRetry(ctx, work);
  const result = ctx.dialect === "sqlite" ? enqueueSqlite(run) : run();
  return result.finally(() => ctx.loaders.clearAll());
}

function enqueueSqlite<T>(run: () => Promise<T>): Promise<T> {
  const next = sqliteQueue.then(run, run);
  sqliteQueue = next.catch(() => undefined);
  return next;
}

async function runWithRetry<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.dataSource.transaction((em) => {
        const tx: RequestContext = { ...ctx, em, loaders: createLoaders(() => em) };
        return work(tx);
      });
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if (attempt >= MAX_ATTEMPTS || !code || !RETRYABLE_MYSQL_ERRORS.has(code)) throw error;
    }
  }
}

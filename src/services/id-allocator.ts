import type { RequestContext } from "./request-context";

/**
 * Hands out `count` consecutive ids of a sequence and returns the first.
 *
 * On MySQL the counter row is locked in a short transaction of its own, so a long import
 * does not block every other writer until it commits (a rolled-back import leaves a gap,
 * which is harmless). SQLite writers are serialized anyway, so there it joins the caller's
 * transaction.
 */
export async function allocateIds(ctx: RequestContext, sequence: string, count: number): Promise<number> {
  if (count <= 0) throw new RangeError("count must be positive");
  const take = async (tx: RequestContext): Promise<number> => {
    const lock = tx.dialect === "mysql" ? " FOR UPDATE" : "";
    const rows: { next_value: number | string }[] = await tx.em.query(
      `SELECT next_value FROM id_sequence WHERE name = ?${lock}`,
      [sequence],
    );
    if (rows.length === 0) throw new Error(`id sequence "${sequence}" is missing; run the migrations`);
    const first = Number(rows[0].next_value);
    await tx.em.query(`UPDATE id_sequence SET next_value = ? WHERE name = ?`, [first + count, sequence]);
    return first;
  };
  if (ctx.dialect === "sqlite") return take(ctx);
  return ctx.dataSource.transaction((em) => take({ ...ctx, em }));
}

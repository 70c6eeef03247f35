import type { EntityTarget, ObjectLiteral } from "typeorm";
import { AssessmentPeriodEntity, OrganizationEntity, type OrgKind } from "../../entities";
import { AppointmentEntity } from "../../entities/responsibility.entities";
import type { Actor } from "../auth/actor";
import type { RequestContext } from "../request-context";
import { requireReadable } from "./oversight-access";
import { SECRETARY_POST } from "./oversight-rules";

/**
 * Locks of an oversight write on MySQL-family engines (SQLite serialises writers already).
 *
 * One order for every writer that touches scores, that of the score service
 * (rollup.service.ts): the post holder's appointment (a post score writer locks it for
 * update; we share it, so either waits for the other) → the organisation row (for update,
 * as its score writers lock it) → the assessment periods the write may affect (shared: a
 * period close waits, and a committed close is seen), in id order → this feature's record
 * the write changes (problem, case, negative-list entry; for update) → the roll-up chain
 * (locked by AssessmentService.recomputeOwn) → score rows. The score facts are read under
 * the organisation's lock (scoring-facts.ts), so a score writer and an oversight writer of
 * one organisation never hold each other's rows.
 *
 * To lock the organisation before its own record, a write learns which organisation (and
 * appointment) a record concerns beforehand, with a read outside its transaction
 * (lookupOutside): those columns never change once written.
 *
 * All are locking reads, taken before the transaction's first plain read: InnoDB takes its
 * read view at the first plain read, so everything committed by a writer the locks waited
 * for is visible to what follows.
 */
export interface Subject {
  organization: OrganizationEntity;
  /** The appointments locked with it, by id (missing ones are absent). */
  appointments: Map<number, AppointmentEntity>;
}

/**
 * Locks appointments (shared, in id order), then other organisations the write references
 * (shared, in id order: a verifying or deciding superior), then the organisation (for
 * update); NOT_FOUND when the organisation is unknown or unreadable. Inserting a row that
 * references an appointment or an organisation takes a shared lock on it (the foreign key
 * check); taken only then, after the organisation's lock, it could wait on a score writer
 * of that appointment or organisation while holding what the writer needs next.
 */
export async function lockSubject(
  tx: RequestContext,
  actor: Actor,
  organizationId: number,
  appointmentIds: (number | null)[],
  what: string,
  referencedOrganizationIds: number[] = [],
): Promise<Subject> {
  const appointments = new Map<number, AppointmentEntity>();
  for (const id of sortedIds(appointmentIds)) {
    const appointment = await lockRow(tx, AppointmentEntity, id, "share");
    if (appointment) appointments.set(id, appointment);
  }
  for (const id of sortedIds(referencedOrganizationIds.filter((other) => other !== organizationId))) await lockRow(tx, OrganizationEntity, id, "share");
  const organization = requireReadable(actor, await lockRow(tx, OrganizationEntity, organizationId), what);
  return { organization, appointments };
}

function sortedIds(ids: (number | null)[]): number[] {
  return [...new Set(ids.filter((id): id is number => id !== null))].sort((a, b) => a - b);
}

export async function lockPeriods(
  tx: RequestContext,
  where: { endingOnOrAfter?: string; containing?: string; id?: number; code?: string },
): Promise<AssessmentPeriodEntity[]> {
  const query = tx.em.createQueryBuilder(AssessmentPeriodEntity, "p");
  if (where.endingOnOrAfter !== undefined) query.andWhere("p.end_date >= :from", { from: where.endingOnOrAfter });
  if (where.containing !== undefined) query.andWhere("p.start_date <= :day AND p.end_date >= :day", { day: where.containing });
  if (where.id !== undefined) query.andWhere("p.id = :id", { id: where.id });
  if (where.code !== undefined) query.andWhere("p.code = :code", { code: where.code });
  if (tx.dialect === "mysql") query.setLock("pessimistic_read");
  return query.orderBy("p.id", "ASC").getMany();
}

/** One row by id, locked for update (MySQL) or plainly read (SQLite); null when missing. */
export async function lockRow<T extends ObjectLiteral>(tx: RequestContext, entity: EntityTarget<T>, id: number, mode: "update" | "share" = "update"): Promise<T | null> {
  const query = tx.em.createQueryBuilder(entity, "x").where("x.id = :id", { id });
  if (tx.dialect === "mysql") query.setLock(mode === "update" ? "pessimistic_write" : "pessimistic_read");
  return query.getOne();
}

/**
 * The first row of `sql`, read on the primary outside the caller's transaction (so it
 * neither takes a lock out of order nor fixes the transaction's snapshot early); for
 * columns that never change once written, such as which organisation a problem belongs to.
 */
export async function lookupOutside<T>(ctx: RequestContext, sql: string, parameters: unknown[]): Promise<T | null> {
  const runner = ctx.dataSource.createQueryRunner("master");
  try {
    const rows: T[] = await runner.query(sql, parameters);
    return rows[0] ?? null;
  } finally {
    await runner.release();
  }
}

/** A nullable id column as a number (mysql2 and SQLite both give numbers for INT; strings are tolerated). */
export function idOrNull(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * The secretary (第一责任人) of an organisation of `kind` on `day`, read outside the
 * transaction (see lookupOutside), so the write can lock it in order; null when vacant.
 */
export async function secretaryOutside(ctx: RequestContext, organizationId: number, kind: OrgKind, day: string): Promise<number | null> {
  const row = await lookupOutside<{ id: number | string }>(
    ctx,
    `SELECT id FROM appointment WHERE organization_id = ? AND post_kind = ? AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)
     ORDER BY start_date DESC, id DESC LIMIT 1`,
    [organizationId, SECRETARY_POST[kind], day, day],
  );
  return row ? Number(row.id) : null;
}

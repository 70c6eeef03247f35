import DataLoader from "dataloader";
import { In } from "typeorm";
import { AssessmentPeriodEntity, PeriodStatus } from "../../entities";
import { AppointmentEntity, EvidenceKind, FulfillmentRecordEntity, type AttachmentLink } from "../../entities/responsibility.entities";
import { BadUserInputError, PeriodClosedError, type FieldProblem } from "../errors";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "../pagination";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { requireWritableIn, writer } from "./access";
import { actorName } from "./actor";
import { requireDate, today } from "./dates";
import { clearResponsibilityLoaders, requestLoader } from "./loaders";
import { ResponsibilityQueryService } from "./responsibility-query.service";

export interface RecordFulfillmentInput {
  responsibilityId: number;
  date: string;
  evidenceKind: EvidenceKind;
  summary: string;
  attachments?: AttachmentLink[] | null;
}

const MAX_SUMMARY = 5000;
const MAX_ATTACHMENTS = 20;
const MAX_URL = 2000;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * 履责纪实. A record is dated evidence; the service keeps links to files (URL and
 * SHA-256), never the files. Refused, with nothing written: an unknown responsibility, a
 * date in the future, a date in no assessment period, a date in a closed period (its
 * figures are frozen), a post holder's record outside the appointment, an evidence kind the
 * item does not list (OTHER is always accepted), a malformed attachment.
 */
export class FulfillmentService {
  constructor(private readonly responsibilities = new ResponsibilityQueryService()) {}

  /** "assessment.write" in the scope of the responsibility's organisation. */
  async record(ctx: RequestContext, input: RecordFulfillmentInput): Promise<FulfillmentRecordEntity> {
    const actor = await writer(ctx, "assessment.write");
    const date = requireDate(input.date, "date");
    if (date > today()) throw new BadUserInputError(`date ${date} is in the future: record what has been done`, [{ column: "date", reason: "in the future" }]);
    const summary = input.summary.trim();
    if (summary.length === 0 || summary.length > MAX_SUMMARY) {
      throw new BadUserInputError(`summary must have 1–${MAX_SUMMARY} characters`, [{ column: "summary", reason: `1–${MAX_SUMMARY} characters` }]);
    }
    const attachments = normalizeAttachments(input.attachments ?? []);

    const saved = await inTransaction(ctx, async (tx) => {
      const responsibility = await this.responsibilities.requireById(tx, input.responsibilityId);
      await requireWritableIn(tx, actor, responsibility.organizationId, "assessment.write", `responsibility ${responsibility.id} does not exist`);
      const item = await this.responsibilities.item(tx, responsibility);
      if (input.evidenceKind !== EvidenceKind.OTHER && item.evidenceKinds.length > 0 && !item.evidenceKinds.includes(input.evidenceKind)) {
        throw new BadUserInputError(`${item.code} is shown by ${[...item.evidenceKinds, EvidenceKind.OTHER].join(", ")}, not ${input.evidenceKind}`, [
          { column: "evidenceKind", reason: "not a kind of evidence of this item" },
        ]);
      }
      const periods = await tx.em
        .createQueryBuilder(AssessmentPeriodEntity, "p")
        .where("p.start_date <= :date AND p.end_date >= :date", { date })
        .getMany();
      if (periods.length === 0) {
        throw new BadUserInputError(`date ${date} lies in no assessment period: create the period first`, [{ column: "date", reason: "outside any period" }]);
      }
      const closed = periods.find((period) => period.status === PeriodStatus.CLOSED);
      if (closed) throw new PeriodClosedError(closed.code);
      if (responsibility.appointmentId !== null) {
        const appointment = await tx.em.findOneByOrFail(AppointmentEntity, { id: responsibility.appointmentId });
        if (date < appointment.startDate || (appointment.endDate !== null && date > appointment.endDate)) {
          throw new BadUserInputError(`date ${date} is outside the post holder's appointment (${appointment.startDate} to ${appointment.endDate ?? "now"})`, [
            { column: "date", reason: "outside the appointment" },
          ]);
        }
      }
      return tx.em.save(
        tx.em.create(FulfillmentRecordEntity, { responsibilityId: responsibility.id, date, evidenceKind: input.evidenceKind, summary, attachments, recordedBy: await actorName(tx) }),
      );
    });
    clearResponsibilityLoaders(ctx);
    return saved;
  }

  /** A record by id; null when unknown or its responsibility is outside the caller's scope. */
  async byId(ctx: RequestContext, id: number): Promise<FulfillmentRecordEntity | null> {
    const found = await ctx.em.findOneBy(FulfillmentRecordEntity, { id });
    if (!found) return null;
    return (await this.responsibilities.byId(ctx, found.responsibilityId)) ? found : null;
  }

  /** Records of a responsibility dated in [from, to], by date then id; batched over responsibilities. NOT_FOUND outside the scope. */
  async page(ctx: RequestContext, responsibilityId: number, from: string, to: string, request: PageRequest): Promise<Page<FulfillmentRecordEntity>> {
    await this.requireVisible(ctx, responsibilityId);
    const size = pageSize(request.first);
    const cursorKind = `records:${responsibilityId}:${from}:${to}`;
    const after = decodeCursor(cursorKind, request.after);
    const rows = await recordsLoader(ctx).load({ responsibilityId, from, to, limit: size + 1, after });
    return toPage(rows, size, after, (row) => encodeCursor(cursorKind, `${row.date}|${String(row.id).padStart(10, "0")}`));
  }

  /** Records of a responsibility dated in [from, to]; one GROUP BY per batch of responsibilities. NOT_FOUND outside the scope. */
  async count(ctx: RequestContext, responsibilityId: number, from: string, to: string): Promise<number> {
    await this.requireVisible(ctx, responsibilityId);
    return requestLoader(ctx, "recordsCount", (em) =>
      new DataLoader<{ responsibilityId: number; from: string; to: string }, number, string>(
        async (keys) => {
          const counts = new Map<string, number>();
          const date = em.connection.driver.escape("date");
          for (const span of new Set(keys.map((key) => `${key.from}|${key.to}`))) {
            const [spanFrom, spanTo] = span.split("|");
            const ids = [...new Set(keys.filter((key) => key.from === spanFrom && key.to === spanTo).map((key) => key.responsibilityId))];
            const rows: { responsibility_id: number | string; n: number | string }[] = await em.query(
              `SELECT responsibility_id, COUNT(*) AS n FROM fulfillment_record
               WHERE responsibility_id IN (${ids.map(() => "?").join(", ")}) AND ${date} >= ? AND ${date} <= ? GROUP BY responsibility_id`,
              [...ids, spanFrom, spanTo],
            );
            for (const row of rows) counts.set(`${Number(row.responsibility_id)}|${span}`, Number(row.n));
          }
          return keys.map((key) => counts.get(`${key.responsibilityId}|${key.from}|${key.to}`) ?? 0);
        },
        { cacheKeyFn: (key) => `${key.responsibilityId}|${key.from}|${key.to}` },
      ),
    ).load({ responsibilityId, from, to });
  }

  /** Records are their responsibility's: visible with it. */
  private async requireVisible(ctx: RequestContext, responsibilityId: number): Promise<void> {
    await this.responsibilities.requireById(ctx, responsibilityId);
  }
}

interface RecordsKey {
  responsibilityId: number;
  from: string;
  to: string;
  limit: number;
  /** "YYYY-MM-DD|0000000042": the last record of the previous page. */
  after: string | null;
}

const recordsKey = (key: RecordsKey) => JSON.stringify([key.responsibilityId, key.from, key.to, key.limit, key.after]);

/** One page per responsibility for many responsibilities in one statement (ROW_NUMBER per responsibility). */
function recordsLoader(ctx: RequestContext) {
  return requestLoader(ctx, "recordsPage", (em) =>
    new DataLoader<RecordsKey, FulfillmentRecordEntity[], string>(
      async (keys) => {
        const groups = new Map<string, RecordsKey[]>();
        for (const key of keys) {
          const group = JSON.stringify([key.from, key.to, key.limit, key.after]);
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const results = new Map<string, FulfillmentRecordEntity[]>();
        const date = em.connection.driver.escape("date");
        for (const group of groups.values()) {
          const { from, to, limit, after } = group[0];
          const ids = [...new Set(group.map((key) => key.responsibilityId))];
          const [afterDate, afterId] = after === null ? [null, null] : [after.slice(0, 10), Number(after.slice(11))];
          const rows: { id: number | string }[] = await em.query(
            `SELECT id, responsibility_id FROM (
               SELECT f.id, f.responsibility_id, ROW_NUMBER() OVER (PARTITION BY f.responsibility_id ORDER BY f.${date}, f.id) AS page_row
               FROM fulfillment_record f
               WHERE f.responsibility_id IN (${ids.map(() => "?").join(", ")}) AND f.${date} >= ? AND f.${date} <= ?
               ${after === null ? "" : `AND (f.${date} > ? OR (f.${date} = ? AND f.id > ?))`}
             ) ranked WHERE page_row <= ?`,
            [...ids, from, to, ...(after === null ? [] : [afterDate, afterDate, afterId]), limit],
          );
          const records = rows.length === 0 ? [] : await em.find(FulfillmentRecordEntity, { where: { id: In(rows.map((row) => Number(row.id))) } });
          records.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
          for (const key of group) results.set(recordsKey(key), records.filter((record) => record.responsibilityId === key.responsibilityId));
        }
        return keys.map((key) => results.get(recordsKey(key)) ?? []);
      },
      { cacheKeyFn: recordsKey },
    ),
  );
}

function normalizeAttachments(attachments: AttachmentLink[]): AttachmentLink[] {
  const problems: FieldProblem[] = [];
  if (attachments.length > MAX_ATTACHMENTS) problems.push({ column: "attachments", reason: `at most ${MAX_ATTACHMENTS}` });
  const normalized = attachments.map((attachment, index) => {
    const url = attachment.url.trim();
    const sha256 = attachment.sha256.trim().toLowerCase();
    let scheme = "";
    try {
      scheme = new URL(url).protocol;
    } catch {
      // reported below
    }
    if (url.length > MAX_URL || (scheme !== "https:" && scheme !== "http:")) problems.push({ column: `attachments[${index}].url`, reason: `an http(s) URL of at most ${MAX_URL} characters` });
    if (!SHA256.test(sha256)) problems.push({ column: `attachments[${index}].sha256`, reason: "64 hexadecimal digits (SHA-256 of the file)" });
    return { url, sha256 };
  });
  if (problems.length > 0) throw new BadUserInputError(`invalid attachments: ${problems.map((p) => `${p.column}: ${p.reason}`).join("; ")}`, problems);
  return normalized;
}

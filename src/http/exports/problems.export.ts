import { ProblemState } from "../../entities/oversight-enums";
import { toGlobalId } from "../../schema/global-id";
import { oversightToday } from "../../services/oversight/clock";
import { columnsOf, formatted, keysetChunks, pinned, type ExportDataset, type ExportQuery, type ExportRow } from "./export-dataset";
import { dateText, timestampText } from "./export-format";
import { pathCondition } from "./export-scope";
import { enumLabel, HEADERS, yesNo } from "./export-labels";

/**
 * 问题清单: the problems of the subtree that were in play during the period, as they stood
 * at its end (or today while it runs: the day the oversight report calls asOf), in the
 * live tree's order and then by id.
 *
 * In play: found by asOf, and found in the period, or not CLOSED on asOf, or touched by an
 * event in the period (closed, reopened, extended …). So a problem carried over from an
 * earlier period and closed in this one is listed; one closed before the period began is not.
 *
 * "State", "deadline" and "overdue" are those of asOf, read from the problem's history
 * (problem_event: the last event on or before asOf), exactly as the oversight report and the
 * automatic score deductions read them (scoring-facts.ts), so closing a problem after the
 * period ended does not change this file for that period. The current state is given too.
 *
 * Problems belong to organisations, and the caller's scope is a subtree of the live tree,
 * so the range is taken on organization.path (problems carry no path of their own).
 */
export const problemsExport: ExportDataset = {
  name: "problems",
  tree: "live",
  open(query) {
    return {
      columns: columnsOf(HEADERS.problems, query.lang, {
        id: ["text", 16],
        code: ["text", 18],
        name: ["text", 36],
        title: ["text", 40],
        category: ["text", 24],
        source: ["text", 10],
        severity: ["text", 8],
        state: ["text", 12],
        deadline: ["text", 12],
        overdue: ["text", 10],
        asOf: ["text", 12],
        currentState: ["text", 12],
        mode: ["text", 10],
        owner: ["text", 12],
        ownerPost: ["text", 20],
        responsibility: ["text", 40],
        foundOn: ["text", 12],
        recordedAt: ["text", 20],
        closedOn: ["text", 12],
      }),
      chunks: () => problemChunks(query),
    };
  },
};

interface ProblemRow {
  path: string;
  id: number | string;
  code: string;
  name: string;
  title: string;
  category_code: string;
  category_name: string;
  source: string;
  severity: string;
  current_state: string;
  state_as_of: string;
  deadline_as_of: string | Date | null;
  state_since: string | Date;
  rectification_mode: string | null;
  owner_name: string | null;
  owner_post: string | null;
  responsibility_title: string | null;
  found_on: string | Date;
  created_at: string | Date;
}

/**
 * Organisations per block. Problems are read block by block of the path range (the block's end
 * found by one index-only read), then in (path, id) chunks within the block: ordering by a
 * problem column makes the engines sort every joined row of the statement's range, so the
 * range is kept to one block instead of the rest of the subtree.
 */
const ORGANIZATION_BLOCK = 2000;

async function* problemChunks(query: ExportQuery): AsyncGenerator<Iterable<ExportRow>> {
  const { ctx, period, scope, lang } = query;
  if (scope.kind === "none") return;
  const today = oversightToday();
  const asOf = period.endDate < today ? period.endDate : today;
  const straight = ctx.dialect === "mysql" ? "STRAIGHT_JOIN " : "";
  const organizations = pinned(ctx.dialect, "organization", "o", "uq_organization_path");
  const upper = scope.kind === "range" ? scope.upper : null;

  async function* block(start: string | null, end: string | null): AsyncGenerator<ProblemRow[]> {
    yield* keysetChunks<ProblemRow>(async (after, limit) => {
      const conditions: string[] = [];
      const params: unknown[] = [asOf];
      if (after !== null) {
        // (path, id) after the last row: a range on the path index, then the id within one organisation.
        conditions.push("o.path >= ? AND (o.path > ? OR p.id > ?)");
        params.push(after.path, after.path, Number(after.id));
      } else if (start !== null) {
        conditions.push("o.path > ?");
        params.push(start);
      } else if (scope.kind === "range") {
        conditions.push("o.path >= ?");
        params.push(scope.lower);
      }
      if (end !== null) {
        conditions.push("o.path <= ?");
        params.push(end);
      } else if (upper !== null) {
        conditions.push("o.path < ?");
        params.push(upper);
      }
      params.push(asOf, period.startDate, ProblemState.CLOSED, period.startDate, asOf);
      return ctx.em.query(
        `SELECT ${straight}o.path AS path, p.id AS id, o.code AS code, o.name AS name, p.title AS title,
           c.code AS category_code, c.name AS category_name, p.source AS source, p.severity AS severity, p.state AS current_state,
           s.to_state AS state_as_of, s.deadline_after AS deadline_as_of, s.occurred_on AS state_since, p.rectification_mode AS rectification_mode,
           person.name AS owner_name, ap.post_kind AS owner_post, ci.title AS responsibility_title, p.found_on AS found_on, p.created_at AS created_at
         FROM ${organizations}
         JOIN problem p ON p.organization_id = o.id
         JOIN problem_event s ON s.problem_id = p.id
          AND s.seq = (SELECT MAX(x.seq) FROM problem_event x WHERE x.problem_id = p.id AND x.occurred_on <= ?)
         JOIN problem_category c ON c.id = p.category_id
         LEFT JOIN appointment ap ON ap.id = p.owner_appointment_id
         LEFT JOIN person ON person.id = ap.person_id
         LEFT JOIN responsibility resp ON resp.id = p.responsibility_id
         LEFT JOIN catalog_item ci ON ci.id = resp.catalog_item_id
         WHERE ${conditions.length > 0 ? conditions.join(" AND ") + " AND " : ""}p.found_on <= ?
           AND (p.found_on >= ? OR s.to_state <> ?
                OR EXISTS (SELECT 1 FROM problem_event e WHERE e.problem_id = p.id AND e.occurred_on >= ? AND e.occurred_on <= ?))
         ORDER BY o.path, p.id LIMIT ${limit}`,
        params,
      );
    });
  }

  async function* allChunks(): AsyncGenerator<ProblemRow[]> {
    let start: string | null = null;
    for (;;) {
      const bound = pathCondition("o.path", scope, start);
      const ends: { path: string }[] = await ctx.em.query(
        `SELECT o.path AS path FROM ${organizations} WHERE 1 = 1${bound.sql} ORDER BY o.path LIMIT 1 OFFSET ${ORGANIZATION_BLOCK - 1}`,
        bound.params,
      );
      const end = ends.length > 0 ? ends[0].path : null;
      yield* block(start, end);
      if (end === null) return;
      start = end;
    }
  }

  const chunks = allChunks();
  for await (const rows of chunks) {
    yield formatted(rows, (row) => {
      const closed = row.state_as_of === ProblemState.CLOSED;
      const deadline = dateText(row.deadline_as_of);
      return [
        toGlobalId("Problem", Number(row.id)),
        row.code,
        row.name,
        row.title,
        lang === "zh" ? row.category_name : row.category_code,
        enumLabel("problemSource", row.source, lang),
        enumLabel("severity", row.severity, lang),
        enumLabel("problemState", row.state_as_of, lang),
        deadline,
        yesNo(!closed && deadline !== null && deadline < asOf, lang),
        asOf,
        enumLabel("problemState", row.current_state, lang),
        enumLabel("rectificationMode", row.rectification_mode, lang),
        row.owner_name,
        enumLabel("postKind", row.owner_post, lang),
        row.responsibility_title,
        dateText(row.found_on),
        timestampText(row.created_at),
        closed ? dateText(row.state_since) : null,
      ];
    });
  }
}

import type { AssessmentPeriodEntity } from "../../entities";
import { AccountabilityStatus, AccountabilitySubject, ProblemState } from "../../entities/oversight-enums";
import type { RequestContext } from "../request-context";
import { registerScoringFactsProvider, type ScoringFactsProvider, type SubjectFacts } from "../scoring/scoring-inputs";

/** Ids per IN list, far below SQLite's bound-parameter limit. */
const CHUNK = 1000;

/**
 * The facts behind the automatic deductions and the grade cap (DOMAIN.md §3), for the
 * scoring feature (scoring-inputs.ts):
 *
 * - overdue problems at period end: problems whose state on the period's end_date E was
 *   not CLOSED and whose deadline that day was before E (a deadline of E itself is met on
 *   E). "On E" is the problem's history (problem_event) up to E, so closing a problem after
 *   the period ended does not lift its deduction, and an old period's figure stays
 *   reproducible. While a period runs, E lies ahead: the history up to E is everything
 *   recorded so far, so an open problem whose deadline falls inside the period deducts now
 *   (provisionally) and stops deducting when it is closed in time;
 * - accountability cases in the period: DECIDED cases whose decision date lies in the
 *   period, against the organisation itself (organisation facts) or the post holder (post
 *   facts); undecided leadership reviews do not count;
 * - the negative list: an entry for the organisation and the period.
 *
 * For a post holder, the overdue problems are those breaching a responsibility the
 * appointment itself holds.
 *
 * Reads are locking reads on MySQL-family engines: a score writer's transaction may hold a
 * snapshot older than the locks it waited for, and must count what committed meanwhile. The
 * history is read by the (organization_id | holder_appointment_id, occurred_on) indexes of
 * problem_event, never through the problem rows a transition locks, and reduced to each
 * problem's last state here: one statement per kind of fact and chunk of ids.
 */
export class OversightFactsProvider implements ScoringFactsProvider {
  async organizationFacts(ctx: RequestContext, organizationIds: number[], period: AssessmentPeriodEntity): Promise<Map<number, SubjectFacts>> {
    const facts = new Map<number, SubjectFacts>();
    const lock = ctx.dialect === "mysql" ? " LOCK IN SHARE MODE" : "";
    for (const ids of chunks(organizationIds)) {
      const list = marks(ids.length);
      const events: EventRow[] = await ctx.em.query(
        `SELECT organization_id AS subject_id, problem_id, seq, to_state, deadline_after FROM problem_event
         WHERE organization_id IN (${list}) AND occurred_on <= ?${lock}`,
        [...ids, period.endDate],
      );
      countOverdue(facts, events, period.endDate);
      const cases = await ctx.em.query(
        `SELECT organization_id AS subject_id FROM accountability_case
         WHERE organization_id IN (${list}) AND decided_on >= ? AND decided_on <= ? AND subject_type = ? AND status = ?${lock}`,
        [...ids, period.startDate, period.endDate, AccountabilitySubject.ORGANIZATION, AccountabilityStatus.DECIDED],
      );
      countCases(facts, cases);
      const listed: { subject_id: number | string }[] = await ctx.em.query(
        `SELECT organization_id AS subject_id FROM negative_list_entry WHERE period_id = ? AND organization_id IN (${list})${lock}`,
        [period.id, ...ids],
      );
      for (const row of listed) entry(facts, Number(row.subject_id)).negativeListed = true;
    }
    return facts;
  }

  async postFacts(ctx: RequestContext, appointmentIds: number[], period: AssessmentPeriodEntity): Promise<Map<number, SubjectFacts>> {
    const facts = new Map<number, SubjectFacts>();
    const lock = ctx.dialect === "mysql" ? " LOCK IN SHARE MODE" : "";
    for (const ids of chunks(appointmentIds)) {
      const list = marks(ids.length);
      const events: EventRow[] = await ctx.em.query(
        `SELECT holder_appointment_id AS subject_id, problem_id, seq, to_state, deadline_after FROM problem_event
         WHERE holder_appointment_id IN (${list}) AND occurred_on <= ?${lock}`,
        [...ids, period.endDate],
      );
      countOverdue(facts, events, period.endDate);
      const cases = await ctx.em.query(
        `SELECT appointment_id AS subject_id FROM accountability_case
         WHERE appointment_id IN (${list}) AND decided_on >= ? AND decided_on <= ? AND subject_type = ? AND status = ?${lock}`,
        [...ids, period.startDate, period.endDate, AccountabilitySubject.POST_HOLDER, AccountabilityStatus.DECIDED],
      );
      countCases(facts, cases);
    }
    return facts;
  }
}

interface EventRow {
  subject_id: number | string;
  problem_id: number | string;
  seq: number | string;
  to_state: ProblemState;
  deadline_after: string | null;
}

/** Each problem's last event on or before `end`: overdue when not CLOSED and its deadline is before `end`. */
function countOverdue(facts: Map<number, SubjectFacts>, events: EventRow[], end: string): void {
  const last = new Map<number, EventRow>();
  for (const event of events) {
    const problemId = Number(event.problem_id);
    const seen = last.get(problemId);
    if (!seen || Number(seen.seq) < Number(event.seq)) last.set(problemId, event);
  }
  for (const event of last.values()) {
    if (event.to_state !== ProblemState.CLOSED && event.deadline_after !== null && event.deadline_after < end) {
      entry(facts, Number(event.subject_id)).overdueProblems += 1;
    }
  }
}

function countCases(facts: Map<number, SubjectFacts>, rows: { subject_id: number | string }[]): void {
  for (const row of rows) entry(facts, Number(row.subject_id)).accountabilityCases += 1;
}

function chunks(ids: number[]): number[][] {
  const unique = [...new Set(ids)];
  const result: number[][] = [];
  for (let start = 0; start < unique.length; start += CHUNK) result.push(unique.slice(start, start + CHUNK));
  return result;
}

function marks(count: number): string {
  return new Array(count).fill("?").join(", ");
}

function entry(facts: Map<number, SubjectFacts>, id: number): SubjectFacts {
  let found = facts.get(id);
  if (!found) {
    found = { overdueProblems: 0, accountabilityCases: 0, negativeListed: false };
    facts.set(id, found);
  }
  return found;
}

/** The one instance, registered with scoring when this module loads (the oversight resolvers import it). */
export const oversightFacts = new OversightFactsProvider();
registerScoringFactsProvider(oversightFacts);

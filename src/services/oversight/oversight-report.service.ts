import type { AssessmentPeriodEntity, OrganizationEntity } from "../../entities";
import { AccountabilityStatus, AccountabilitySubject, ProblemAction, ProblemState, type AccountabilityForm } from "../../entities/oversight-enums";
import { requireActor } from "../auth/request-auth";
import { requireFullRead } from "../auth/organization-access";
import { NotFoundError } from "../errors";
import { subtreeRange } from "../organization-path";
import { PeriodService } from "../period/period.service";
import type { RequestContext } from "../request-context";
import { oversightToday } from "./clock";
import { ACCOUNTABILITY_FORMS } from "./oversight-rules";
import { readAccess } from "../auth/authorization";

export interface FormCount {
  subjectType: AccountabilitySubject;
  form: AccountabilityForm;
  severityRank: number;
  count: number;
}

export interface OversightReport {
  organization: OrganizationEntity;
  period: AssessmentPeriodEntity;
  /** The day the state figures are taken on: the period's end, or today while it runs. */
  asOf: string;
  problemsFound: number;
  problemsClosed: number;
  problemsOverdue: number;
  problemsReopened: number;
  /** Of the problems found in the period, the share CLOSED on asOf; null when none was found. */
  rectificationRate: number | null;
  casesByForm: FormCount[];
  casesTotal: number;
}

/**
 * 督责考责 figures of a subtree for a period (DOMAIN.md §4), each an SQL aggregate over the
 * subtree's path range joined to the problems, their history and the cases by organisation:
 * three statements whatever the subtree's size (index range scan on organization.path,
 * then the (organization_id, …) indexes of problem, problem_event and accountability_case).
 *
 * - found: problems whose found_on lies in the period;
 * - closed / reopened: problems with a 销号 (VERIFY) / 回头看 (REOPEN) event in the period
 *   up to asOf, each problem once;
 * - overdue: problems of the subtree overdue on asOf by their history (not CLOSED that day,
 *   deadline before it): at the period's end the same figure the score deducts for;
 * - rectificationRate: closed-on-asOf / found, over the problems found in the period.
 */
export class OversightReportService {
  constructor(private readonly periods = new PeriodService()) {}

  async report(ctx: RequestContext, organizationId: number, periodCode: string): Promise<OversightReport> {
    const actor = await requireActor(ctx);
    const organization = await ctx.loaders.organizationById.load(organizationId);
    if (!organization || readAccess(actor, organization.path) === "NONE") throw new NotFoundError(`organisation ${organizationId} does not exist`);
    await requireFullRead(ctx, organization);
    const period = await this.periods.requireByCode(ctx, periodCode.trim());
    const today = oversightToday();
    const asOf = period.endDate < today ? period.endDate : today;
    const { lower, upper } = subtreeRange(organization.path);

    const [problemRow]: Record<string, number | string | null>[] = await ctx.em.query(
      `SELECT
         SUM(CASE WHEN p.found_on >= ? THEN 1 ELSE 0 END) AS found,
         SUM(CASE WHEN p.found_on >= ? AND s.to_state = ? THEN 1 ELSE 0 END) AS found_closed,
         SUM(CASE WHEN s.to_state <> ? AND s.deadline_after < ? THEN 1 ELSE 0 END) AS overdue
       FROM organization o
       JOIN problem p ON p.organization_id = o.id
       JOIN problem_event s ON s.problem_id = p.id
        AND s.seq = (SELECT MAX(x.seq) FROM problem_event x WHERE x.problem_id = p.id AND x.occurred_on <= ?)
       WHERE o.path >= ? AND o.path < ? AND p.found_on <= ?`,
      [period.startDate, period.startDate, ProblemState.CLOSED, ProblemState.CLOSED, asOf, asOf, lower, upper, asOf],
    );
    const [eventRow]: Record<string, number | string | null>[] = await ctx.em.query(
      `SELECT
         COUNT(DISTINCT CASE WHEN e.action = ? THEN e.problem_id END) AS closed,
         COUNT(DISTINCT CASE WHEN e.action = ? THEN e.problem_id END) AS reopened
       FROM organization o
       JOIN problem_event e ON e.organization_id = o.id
       WHERE o.path >= ? AND o.path < ? AND e.occurred_on >= ? AND e.occurred_on <= ? AND e.action IN (?, ?)`,
      [ProblemAction.VERIFY, ProblemAction.REOPEN, lower, upper, period.startDate, asOf, ProblemAction.VERIFY, ProblemAction.REOPEN],
    );
    const caseRows: { subject_type: AccountabilitySubject; form: AccountabilityForm; n: number | string }[] = await ctx.em.query(
      `SELECT c.subject_type, c.form, COUNT(*) AS n
       FROM organization o
       JOIN accountability_case c ON c.organization_id = o.id
       WHERE o.path >= ? AND o.path < ? AND c.status = ? AND c.decided_on >= ? AND c.decided_on <= ?
       GROUP BY c.subject_type, c.form`,
      [lower, upper, AccountabilityStatus.DECIDED, period.startDate, period.endDate],
    );

    const found = Number(problemRow?.found ?? 0);
    const foundClosed = Number(problemRow?.found_closed ?? 0);
    const counts = new Map(caseRows.map((row) => [`${row.subject_type}|${row.form}`, Number(row.n)]));
    const casesByForm: FormCount[] = [AccountabilitySubject.ORGANIZATION, AccountabilitySubject.POST_HOLDER].flatMap((subjectType) =>
      ACCOUNTABILITY_FORMS[subjectType].map((form, i) => ({ subjectType, form, severityRank: i + 1, count: counts.get(`${subjectType}|${form}`) ?? 0 })),
    );
    return {
      organization,
      period,
      asOf,
      problemsFound: found,
      problemsClosed: Number(eventRow?.closed ?? 0),
      problemsOverdue: Number(problemRow?.overdue ?? 0),
      problemsReopened: Number(eventRow?.reopened ?? 0),
      rectificationRate: found === 0 ? null : foundClosed / found,
      casesByForm,
      casesTotal: casesByForm.reduce((sum, entry) => sum + entry.count, 0),
    };
  }
}

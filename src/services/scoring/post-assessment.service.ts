import { OrganizationEntity, OrgStatus, PeriodStatus, type AssessmentPeriodEntity } from "../../entities";
import {
  AdjustmentEntity,
  EvaluationEntity,
  PostAssessmentEntity,
  ScoreSource,
  ScoreSubject,
  AdjustmentType,
} from "../../entities/assessment.entities";
import { AppointmentEntity, PersonEntity, PostKind } from "../../entities/responsibility.entities";
import { scoringLoaders } from "../../loaders/scoring-loaders";
import { accessTo } from "../auth/organization-access";
import { readCsv } from "../csv/csv-reader";
import { BadUserInputError, ConflictError, NotFoundError, PeriodClosedError, type FieldProblem } from "../errors";
import { parsePeriodCode } from "../period/period-code";
import { PeriodService } from "../period/period.service";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { adjustmentValues, evaluationValues, type AddAdjustmentInput, type RecordEvaluationInput } from "./assessment.service";
import { lockAppointmentRow, lockOrganizationRow, lockPeriod, rollupService, sharedReadLock } from "./rollup.service";
import { lockedOne } from "./assessment.service";
import { computeOwnScore, decideGrade, parseHundredths } from "./score-formula";
import { ClosedPeriodsInFileError, formatHundredths, type ScoreImportSummary } from "./score-import.service";
import { scoreWriter, type ScoreWriter } from "./scoring-actor";
import { scoringInputs } from "./scoring-inputs";
import { formulaInputs, storedInputs } from "./stored-inputs";

export interface PostScoreChange {
  appointment: AppointmentEntity;
  period: AssessmentPeriodEntity;
  assessment: PostAssessmentEntity | null;
}

export type RecordPostEvaluationInput = Omit<RecordEvaluationInput, "organizationId"> & { appointmentId: number };
export type AddPostAdjustmentInput = Omit<AddAdjustmentInput, "organizationId"> & { appointmentId: number };

export const POST_SCORE_IMPORT_COLUMNS = ["org_code", "post_kind", "person", "period", "score"] as const;

/**
 * 述职评议: a post holder's score, computed exactly like an organisation's own score (the
 * items the appointment holds, 三评, adjustments; score-formula.ts) or imported whole. Post
 * scores do not roll up the tree; they feed the "secretaries vs other leadership members"
 * comparison of the transmission report.
 *
 * The appointment must overlap the period: a person scored for a post they did not hold
 * in that period is refused.
 */
export class PostAssessmentService {
  constructor(private readonly periods = new PeriodService()) {}

  /** Null when not assessed, and when the post's organisation lies outside the caller's scope (never the score). */
  async byKey(ctx: RequestContext, appointmentId: number, period: AssessmentPeriodEntity): Promise<PostAssessmentEntity | null> {
    const assessment = await scoringLoaders(ctx).postAssessment.load({ periodId: period.id, appointmentId });
    if (!assessment) return null;
    const organization = await ctx.loaders.organizationById.load(assessment.organizationId);
    return organization && (await accessTo(ctx, organization)) === "FULL" ? assessment : null;
  }

  async recordEvaluation(ctx: RequestContext, input: RecordPostEvaluationInput): Promise<PostScoreChange> {
    const values = evaluationValues(input);
    return this.write(ctx, input.appointmentId, input.period, false, async (tx, appointment, period, writer) => {
      const key = { periodId: period.id, subjectType: ScoreSubject.POST, subjectId: appointment.id, kind: input.kind };
      const existing = await lockedOne(tx, EvaluationEntity, key);
      if (existing) await tx.em.update(EvaluationEntity, { id: existing.id }, { ...values, enteredBy: writer.name });
      else await tx.em.insert(EvaluationEntity, { ...key, ...values, enteredBy: writer.name });
    });
  }

  async addAdjustment(ctx: RequestContext, input: AddPostAdjustmentInput): Promise<PostScoreChange> {
    const values = adjustmentValues(input);
    return this.write(ctx, input.appointmentId, input.period, false, async (tx, appointment, period, writer) => {
      await tx.em.insert(AdjustmentEntity, {
        periodId: period.id,
        subjectType: ScoreSubject.POST,
        subjectId: appointment.id,
        ...values,
        createdBy: writer.name,
      });
    });
  }

  async compute(ctx: RequestContext, appointmentId: number, periodCode: string): Promise<PostScoreChange> {
    return this.write(ctx, appointmentId, periodCode, true, async () => undefined);
  }

  private async write(
    ctx: RequestContext,
    appointmentId: number,
    periodCode: string,
    force: boolean,
    work: (tx: RequestContext, appointment: AppointmentEntity, period: AssessmentPeriodEntity, writer: ScoreWriter) => Promise<void>,
  ): Promise<PostScoreChange> {
    const period = await this.periods.requireOpen(ctx, periodCode);
    const appointment = await ctx.em.findOneBy(AppointmentEntity, { id: appointmentId });
    if (!appointment) throw new NotFoundError(`appointment ${appointmentId} does not exist`);
    const organization = await ctx.em.findOneByOrFail(OrganizationEntity, { id: appointment.organizationId });
    if (organization.status !== OrgStatus.ACTIVE) throw new ConflictError(`${organization.code} is dissolved: its post holders' scores can no longer change`);
    if (!overlaps(appointment, period)) {
      throw new BadUserInputError(`appointment ${appointmentId} does not overlap period ${period.code}`, [
        { column: "appointmentId", reason: "the post was not held during the period" },
      ]);
    }
    const writer = await scoreWriter(ctx);
    writer.assertMayWrite(organization.path);
    await rollupService.ensureBuilt(ctx, period);
    const assessment = await inTransaction(ctx, async (tx) => {
      await lockAppointmentRow(tx, appointment.id);
      const path = await lockOrganizationRow(tx, organization.id);
      const current = await lockPeriod(tx, period.id, "shared");
      if (current.status === PeriodStatus.CLOSED) throw new PeriodClosedError(current.code);
      // Post scores do not roll up, but their writers queue at the tree's root like the
      // organisations' (assessment.service.ts): no two of them take gap locks side by side.
      await rollupService.lockChain(tx, current.id, path);
      await work(tx, appointment, current, writer);
      return this.recomputeOwn(tx, appointment, current, writer.name, force);
    });
    scoringLoaders(ctx).clearAll();
    return { appointment, period, assessment };
  }

  /** The formula over the stored inputs; for other features too (oversight), inside their transaction, holding the appointment row. */
  async recomputeOwn(
    tx: RequestContext,
    appointment: AppointmentEntity,
    period: AssessmentPeriodEntity,
    by: string,
    force: boolean,
  ): Promise<PostAssessmentEntity | null> {
    const key = { periodId: period.id, appointmentId: appointment.id };
    const existing = await lockedOne(tx, PostAssessmentEntity, key);
    if (existing?.source === ScoreSource.IMPORTED && !force) return existing;
    const items = await scoringInputs.postItems().postCompletions(tx, appointment.organizationId, appointment.id, period);
    const stored = await storedInputs(tx, period, ScoreSubject.POST, appointment.id);
    const facts = (await scoringInputs.facts().postFacts(tx, [appointment.id], period)).get(appointment.id);
    const outcome = computeOwnScore(formulaInputs(period, items, stored, facts && { ...facts, negativeListed: false }));
    if (!outcome.assessed) {
      if (force) throw new BadUserInputError(`nothing to compute appointment ${appointment.id}'s score from: ${outcome.reason}`);
      if (existing) await tx.em.delete(PostAssessmentEntity, key);
      return null;
    }
    const row = {
      organizationId: appointment.organizationId,
      postKind: appointment.postKind,
      scoreHundredths: outcome.scoreHundredths,
      grade: outcome.grade,
      source: ScoreSource.COMPUTED,
      provenance: { ...outcome.provenance, period: period.code, computedBy: by, computedAt: new Date().toISOString() },
      updatedBy: by,
    };
    if (existing) await tx.em.update(PostAssessmentEntity, key, row);
    else await tx.em.insert(PostAssessmentEntity, { ...key, ...row });
    return tx.em.findOneByOrFail(PostAssessmentEntity, key);
  }

  /**
   * Imports post-scores.csv: org_code,post_kind,person,period,score. The appointment is the
   * one of that person in that post of that organisation overlapping the period; none or
   * more than one is a problem of the row. All or nothing, like scores.csv.
   */
  async importCsv(ctx: RequestContext, text: string): Promise<ScoreImportSummary> {
    const writer = await scoreWriter(ctx);
    const table = readCsv(text, POST_SCORE_IMPORT_COLUMNS);
    const problems: FieldProblem[] = [...table.problems];
    const closedProblems: FieldProblem[] = [];
    const periods = new Map<string, AssessmentPeriodEntity | null>();
    const seen = new Map<string, number>();
    const rows: { line: number; period: string; hundredths: number; appointment: AppointmentEntity }[] = [];
    const postKinds = new Set<string>(Object.values(PostKind));
    for (const { line, values } of table.records) {
      const hundredths = parseHundredths(values.score);
      const rowProblems: FieldProblem[] = [];
      if (!postKinds.has(values.post_kind)) rowProblems.push({ line, column: "post_kind", reason: `"${values.post_kind}" is not a post kind` });
      if (!parsePeriodCode(values.period)) rowProblems.push({ line, column: "period", reason: `"${values.period}" is not a period code` });
      if (hundredths === null || hundredths > 10000) rowProblems.push({ line, column: "score", reason: `"${values.score}" is not a score from 0 to 100 with at most two decimals` });
      if (values.person.length === 0) rowProblems.push({ line, column: "person", reason: "person is empty" });
      if (rowProblems.length > 0) {
        problems.push(...rowProblems);
        continue;
      }
      if (!periods.has(values.period)) periods.set(values.period, await this.periods.byCode(ctx, values.period));
      const span = periods.get(values.period) ?? parsePeriodCode(values.period)!;
      const matches: AppointmentEntity[] = await ctx.em
        .createQueryBuilder(AppointmentEntity, "a")
        .innerJoin(OrganizationEntity, "o", "o.id = a.organization_id")
        .innerJoin(PersonEntity, "p", "p.id = a.person_id")
        .where("o.code = :code AND a.post_kind = :postKind AND p.name = :person", { code: values.org_code, postKind: values.post_kind, person: values.person })
        .andWhere("a.start_date <= :end AND (a.end_date IS NULL OR a.end_date >= :start)", { start: span.startDate, end: span.endDate })
        .getMany();
      if (matches.length !== 1) {
        problems.push({
          line,
          column: "person",
          reason: matches.length === 0 ? `no ${values.post_kind} named "${values.person}" in "${values.org_code}" during ${values.period}` : `${matches.length} such appointments during ${values.period}: ambiguous`,
        });
        continue;
      }
      const organization = await ctx.em.findOneByOrFail(OrganizationEntity, { id: matches[0].organizationId });
      if (organization.status !== OrgStatus.ACTIVE) problems.push({ line, column: "org_code", reason: `organisation "${values.org_code}" is dissolved` });
      else if (!writer.mayWrite(organization.path)) problems.push({ line, column: "org_code", reason: `organisation "${values.org_code}" is outside your scope` });
      else if (periods.get(values.period)?.status === PeriodStatus.CLOSED) closedProblems.push({ line, column: "period", reason: `period ${values.period} is closed` });
      else {
        const key = `${matches[0].id}|${values.period}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) problems.push({ line, column: "person", reason: `a second score for this post holder in ${values.period} (first on line ${earlier})` });
        else {
          seen.set(key, line);
          rows.push({ line, period: values.period, hundredths: hundredths!, appointment: matches[0] });
        }
      }
    }
    if (problems.length > 0) {
      const all = [...problems, ...closedProblems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      throw new BadUserInputError(`${all.length === 1 ? "1 problem" : `${all.length} problems`} in the file; nothing was imported`, all);
    }
    if (closedProblems.length > 0) throw new ClosedPeriodsInFileError(closedProblems);

    const codes = [...periods.keys()].sort();
    const summary = await inTransaction(ctx, async (tx) => {
      // Existing periods locked first, before any plain read (see score-import.service.ts).
      const locked = new Map<string, AssessmentPeriodEntity>();
      const existing = [...periods.values()].filter((p): p is AssessmentPeriodEntity => p !== null).sort((a, b) => a.id - b.id);
      for (const period of existing) locked.set(period.code, await lockPeriod(tx, period.id, "exclusive"));
      const createdPeriods: string[] = [];
      let replaced = 0;
      for (const code of codes) {
        let period = locked.get(code) ?? null;
        if (!period) {
          const ensured = await this.periods.ensure(tx, code);
          if (ensured.created) createdPeriods.push(code);
          period = await lockPeriod(tx, ensured.period.id, "exclusive");
        }
        if (period.status === PeriodStatus.CLOSED) throw new PeriodClosedError(code);
        const periodRows = rows.filter((row) => row.period === code);
        const vetoed = await vetoedAppointments(tx, period.id);
        const importedAt = new Date().toISOString();
        for (const row of periodRows) {
          const key = { periodId: period.id, appointmentId: row.appointment.id };
          const before = await lockedOne(tx, PostAssessmentEntity, key);
          const grade = decideGrade(row.hundredths, period.rules, vetoed.has(row.appointment.id), false);
          const values = {
            organizationId: row.appointment.organizationId,
            postKind: row.appointment.postKind,
            scoreHundredths: row.hundredths,
            grade: grade.grade,
            source: ScoreSource.IMPORTED,
            provenance: {
              source: "IMPORTED",
              period: code,
              score: formatHundredths(row.hundredths),
              line: row.line,
              importedBy: writer.name,
              importedAt,
              replaced: before && { score: formatHundredths(before.scoreHundredths), source: before.source },
              grade,
            },
            updatedBy: writer.name,
          };
          if (before) {
            replaced++;
            await tx.em.update(PostAssessmentEntity, key, values);
          } else await tx.em.insert(PostAssessmentEntity, { ...key, ...values });
        }
      }
      return { imported: rows.length, replaced, periods: codes, createdPeriods };
    });
    scoringLoaders(ctx).clearAll();
    return summary;
  }
}

function overlaps(appointment: AppointmentEntity, period: AssessmentPeriodEntity): boolean {
  return appointment.startDate <= period.endDate && (appointment.endDate === null || appointment.endDate >= period.startDate);
}

async function vetoedAppointments(tx: RequestContext, periodId: number): Promise<Set<number>> {
  const rows: { subject_id: number | string }[] = await tx.em.query(
    `SELECT DISTINCT subject_id FROM adjustment WHERE period_id = ? AND subject_type = ? AND type = ?${sharedReadLock(tx)}`,
    [periodId, ScoreSubject.POST, AdjustmentType.VETO],
  );
  return new Set(rows.map((row) => Number(row.subject_id)));
}


import { OrganizationEntity, OrgStatus, type OrgKind } from "../../entities";
import {
  InspectionEntity,
  ProblemCategoryEntity,
  ProblemEntity,
  ProblemEventEntity,
  RectificationProjectEntity,
} from "../../entities/oversight.entities";
import { ProblemAction, ProblemSource, ProblemState, RectificationMode, type ProblemSeverity } from "../../entities/oversight-enums";
import { AppointmentEntity, ResponsibilityEntity } from "../../entities/responsibility.entities";
import type { Actor } from "../auth/actor";
import { ConflictError, NotFoundError } from "../errors";
import { isInSubtree } from "../organization-path";
import type { RequestContext } from "../request-context";
import { requireDate } from "../responsibility/dates";
import { inTransaction } from "../transaction";
import { isOverdueOn, oversightToday } from "./clock";
import { assertMayWrite, oversightWriter, requireNamed, requireReadable } from "./oversight-access";
import { recordAudit, type OversightAuditAction } from "./oversight-audit";
import { invalid, MAX_REASON, MAX_TEXT, MAX_TITLE, notInFuture, optionalDate, optionalText, requireText } from "./oversight-input";
import { clearOversightLoaders } from "./oversight-loaders";
import { idOrNull, lockPeriods, lockRow, lockSubject, lookupOutside, secretaryOutside } from "./oversight-locks";
import { mayOversee, overseeProblem } from "./oversight-rules";
import { eventSnapshot, problemSnapshot, projectSnapshot } from "./problem-snapshot";
import { transition, type TransitionAction } from "./problem-states";
import { ScoreEffects } from "./score-effects";

export interface RecordProblemInput {
  responsibilityId: number;
  inspectionId?: number | null;
  /** Code of an active problem category. */
  category: string;
  /** Required unless an inspection is named (then INSPECTION, the only source allowed). */
  source?: ProblemSource | null;
  severity: ProblemSeverity;
  title: string;
  description: string;
  /** Default: the inspection's date, or today. */
  foundOn?: string | null;
  deadline?: string | null;
}

export interface StartRectificationInput {
  problemId: number;
  mode: RectificationMode;
  goal: string;
  measures: string;
  /** A post holder of the problem's organisation or of an ancestor; default: the problem's owner. */
  ownerId?: number | null;
  startDate: string;
  dueDate: string;
}

/** What one transition changes, decided inside its transaction. */
interface Change {
  patch: Partial<Pick<ProblemEntity, "deadline" | "rectificationMode" | "closedOn" | "reopenCount">>;
  reason: string | null;
  projectId?: number | null;
  verifierOrganizationId?: number | null;
  project?: RectificationProjectEntity;
}

interface Locked {
  problem: ProblemEntity;
  organization: OrganizationEntity;
  today: string;
  actor: Actor;
}

/**
 * 问题清单 and its state machine (problem-states.ts). Every write is one transaction that
 * locks what it changes (oversight-locks.ts), appends to the problem's history, brings the
 * affected own scores up to date (score-effects.ts) and writes a detailed audit entry with
 * the state before and after.
 *
 * Deadlines: overdue = deadline passed (deadline < today, clock.ts) and not CLOSED. A
 * problem whose deadline was missed must first be given a reason and a new deadline
 * (extendDeadline) before rectification may start or 销号 be applied for; the missed
 * deadline stays in the history, so the periods it was overdue in keep their deduction.
 */
export class ProblemService {
  async record(ctx: RequestContext, input: RecordProblemInput): Promise<ProblemEntity> {
    const actor = await oversightWriter(ctx);
    const today = oversightToday();
    const title = requireText(input.title, "title", MAX_TITLE);
    const description = requireText(input.description, "description", MAX_TEXT);
    const categoryCode = requireText(input.category, "category", 64);
    const givenFoundOn = optionalDate(input.foundOn, "foundOn");
    if (givenFoundOn) notInFuture(givenFoundOn, "foundOn", today);
    const deadline = optionalDate(input.deadline, "deadline");

    // Which organisation, post holder, owner and day: read before the transaction, so that
    // it can lock them first (oversight-locks.ts).
    const held = await lookupOutside<{ organization_id: number | string; appointment_id: number | string | null; kind: OrgKind }>(
      ctx,
      "SELECT r.organization_id, r.appointment_id, o.kind FROM responsibility r JOIN organization o ON o.id = r.organization_id WHERE r.id = ?",
      [input.responsibilityId],
    );
    if (!held) throw new NotFoundError(`responsibility ${input.responsibilityId} does not exist`);
    let inspectionDate: string | null = null;
    if (input.inspectionId != null) {
      const found = await lookupOutside<{ date: string }>(ctx, "SELECT date FROM inspection WHERE id = ?", [input.inspectionId]);
      if (!found) throw new NotFoundError(`inspection ${input.inspectionId} does not exist`);
      inspectionDate = String(found.date);
    }
    const organizationId = Number(held.organization_id);
    const holderId = idOrNull(held.appointment_id);
    const foundOn = givenFoundOn ?? inspectionDate ?? today;
    const ownerAppointmentId = holderId ?? (await secretaryOutside(ctx, organizationId, held.kind, foundOn));

    const created = await inTransaction(ctx, async (tx) => {
      const { organization } = await lockSubject(tx, actor, organizationId, [holderId, ownerAppointmentId], `responsibility ${input.responsibilityId}`);
      assertMayWrite(actor, organization);
      const inspection = input.inspectionId == null ? null : await lockRow(tx, InspectionEntity, input.inspectionId, "share");
      if (input.inspectionId != null && !inspection) throw new NotFoundError(`inspection ${input.inspectionId} does not exist`);
      const periods = await lockPeriods(tx, { endingOnOrAfter: foundOn });
      const responsibility = await tx.em.findOneByOrFail(ResponsibilityEntity, { id: input.responsibilityId });
      if (organization.status !== OrgStatus.ACTIVE) throw new ConflictError(`${organization.code} is dissolved: no problem can be recorded against it`);

      let source = input.source ?? null;
      if (inspection) {
        const inspected = requireReadable(actor, await tx.loaders.organizationById.load(inspection.inspectedOrganizationId), `inspection ${inspection.id}`);
        if (!isInSubtree(organization.path, inspected.path)) {
          throw invalid("inspectionId", `inspection ${inspection.id} inspected ${inspected.code}, and ${organization.code} is not in its subtree`);
        }
        if (source !== null && source !== ProblemSource.INSPECTION) throw invalid("source", `a problem found by an inspection has source INSPECTION, not ${source}`);
        source = ProblemSource.INSPECTION;
        if (foundOn < inspection.date) throw invalid("foundOn", `${foundOn} is before the inspection (${inspection.date})`);
      }
      if (source === null) throw invalid("source", "give the source (or the inspection that found the problem)");
      if (deadline !== null && deadline < foundOn) throw invalid("deadline", `${deadline} is before the day the problem was found (${foundOn})`);

      const category = await tx.em.findOneBy(ProblemCategoryEntity, { code: categoryCode });
      if (!category) throw invalid("category", `no problem category has the code "${categoryCode}"`);
      if (!category.active) throw invalid("category", `category ${categoryCode} is retired`);

      const effects = await ScoreEffects.capture(tx, periods, subjectsOf(organization, responsibility));
      const problem = await tx.em.save(
        tx.em.create(ProblemEntity, {
          organizationId: organization.id,
          responsibilityId: responsibility.id,
          inspectionId: inspection?.id ?? null,
          categoryId: category.id,
          source,
          severity: input.severity,
          title,
          description,
          foundOn,
          state: ProblemState.OPEN,
          rectificationMode: null,
          deadline,
          ownerAppointmentId,
          closedOn: null,
          reopenCount: 0,
          recordedBy: actor.username,
        }),
      );
      const event = await appendEvent(tx, actor, problem, responsibility.appointmentId, {
        seq: 1,
        action: ProblemAction.RECORD,
        fromState: null,
        toState: ProblemState.OPEN,
        deadlineBefore: null,
        deadlineAfter: deadline,
        occurredOn: foundOn,
        reason: null,
      });
      await effects.apply(tx, actor.username);
      await recordAudit(tx, {
        action: "problem.record",
        targetType: "Problem",
        targetId: problem.id,
        orgPath: organization.path,
        before: null,
        after: { problem: { ...problemSnapshot(problem), categoryId: category.id, source, severity: input.severity, foundOn, title }, event: eventSnapshot(event) },
      });
      return problem;
    });
    clearOversightLoaders(ctx);
    return created;
  }

  /** OPEN or REOPENED → RECTIFYING, with a new rectification project (项目清单). */
  startRectification(ctx: RequestContext, input: StartRectificationInput): Promise<ProblemEntity> {
    const goal = requireText(input.goal, "goal", MAX_TEXT);
    const measures = requireText(input.measures, "measures", MAX_TEXT);
    const startDate = requireDate(input.startDate, "startDate");
    const dueDate = requireDate(input.dueDate, "dueDate");
    if (dueDate < startDate) throw invalid("dueDate", `${dueDate} is before the start, ${startDate}`);
    return this.change(ctx, input.problemId, ProblemAction.START_RECTIFICATION, "problem.startRectification", async (tx, { problem, organization, today, actor }) => {
      assertNotOverdue(problem, today, "start rectification");
      if (dueDate < today) throw invalid("dueDate", `${dueDate} has already passed (today is ${today})`);
      if (startDate < problem.foundOn) throw invalid("startDate", `${startDate} is before the problem was found (${problem.foundOn})`);
      if (problem.deadline !== null && dueDate > problem.deadline) {
        throw invalid("dueDate", `${dueDate} is after the problem's deadline ${problem.deadline}: extend the deadline (with a reason) first`);
      }
      let ownerAppointmentId = problem.ownerAppointmentId;
      if (input.ownerId != null) {
        const owner = await tx.em.findOneBy(AppointmentEntity, { id: input.ownerId });
        if (!owner) throw new NotFoundError(`appointment ${input.ownerId} does not exist`);
        const ownerOrg = requireNamed(actor, await tx.loaders.organizationById.load(owner.organizationId), `appointment ${input.ownerId}`);
        if (!isInSubtree(organization.path, ownerOrg.path)) {
          throw invalid("ownerId", `appointment ${owner.id} is a post of ${ownerOrg.code}, neither ${organization.code} nor one of its superiors`);
        }
        ownerAppointmentId = owner.id;
      }
      const project = await tx.em.save(
        tx.em.create(RectificationProjectEntity, { problemId: problem.id, goal, measures, ownerAppointmentId, startDate, dueDate, mode: input.mode, createdBy: actor.username }),
      );
      return { patch: { deadline: problem.deadline ?? dueDate, rectificationMode: input.mode }, reason: null, projectId: project.id, project };
    }, { appointmentId: input.ownerId ?? null });
  }

  /** RECTIFYING → PENDING_VERIFICATION (申请销号), saying what was done. */
  submitForVerification(ctx: RequestContext, problemId: number, rawSummary: string): Promise<ProblemEntity> {
    const summary = requireText(rawSummary, "summary", MAX_REASON);
    return this.change(ctx, problemId, ProblemAction.SUBMIT_FOR_VERIFICATION, "problem.submitForVerification", async (_tx, { problem, today }) => {
      assertNotOverdue(problem, today, "apply for 销号");
      return { patch: {}, reason: summary };
    });
  }

  /** PENDING_VERIFICATION → CLOSED (销号), verified by a superior or a discipline committee. */
  verify(ctx: RequestContext, problemId: number, verifierId: number, rawNote: string | null | undefined): Promise<ProblemEntity> {
    const note = optionalText(rawNote, "note", MAX_REASON);
    return this.change(ctx, problemId, ProblemAction.VERIFY, "problem.verify", async (tx, { organization, today, actor }) => {
      const verifier = requireNamed(actor, await tx.loaders.organizationById.load(verifierId), `organisation ${verifierId}`);
      if (!mayOversee(verifier, organization)) throw invalid("verifierId", overseeProblem(verifier, organization));
      return { patch: { closedOn: today }, reason: note, verifierOrganizationId: verifier.id };
    }, { organizationId: verifierId });
  }

  /** PENDING_VERIFICATION → RECTIFYING: the application for 销号 is refused, with the reason. */
  rejectVerification(ctx: RequestContext, problemId: number, rawReason: string): Promise<ProblemEntity> {
    const reason = requireText(rawReason, "reason", MAX_REASON);
    return this.change(ctx, problemId, ProblemAction.REJECT_VERIFICATION, "problem.rejectVerification", async () => ({ patch: {}, reason }));
  }

  /**
   * CLOSED → REOPENED (回头看 found it again). The old deadline was met or is history: the
   * problem gets the new deadline given here, or none until rectification starts again.
   */
  reopen(ctx: RequestContext, problemId: number, rawReason: string, rawDeadline: string | null | undefined): Promise<ProblemEntity> {
    const reason = requireText(rawReason, "reason", MAX_REASON);
    const deadline = optionalDate(rawDeadline, "deadline");
    return this.change(ctx, problemId, ProblemAction.REOPEN, "problem.reopen", async (_tx, { problem, today }) => {
      if (deadline !== null && deadline < today) throw invalid("deadline", `${deadline} has already passed (today is ${today})`);
      return { patch: { deadline, closedOn: null, rectificationMode: null, reopenCount: problem.reopenCount + 1 }, reason };
    });
  }

  /**
   * A new deadline with the reason (延期; required once a deadline was missed). The new one
   * is later than the current one and not already past: a deadline of today is met today.
   */
  extendDeadline(ctx: RequestContext, problemId: number, rawDeadline: string, rawReason: string): Promise<ProblemEntity> {
    const deadline = requireDate(rawDeadline, "deadline");
    const reason = requireText(rawReason, "reason", MAX_REASON);
    return this.change(ctx, problemId, ProblemAction.EXTEND_DEADLINE, "problem.extendDeadline", async (_tx, { problem, today }) => {
      if (deadline < today) throw invalid("deadline", `${deadline} has already passed (today is ${today})`);
      if (problem.deadline !== null && deadline <= problem.deadline) {
        throw invalid("deadline", `${deadline} is not after the current deadline ${problem.deadline}`);
      }
      return { patch: { deadline }, reason };
    });
  }

  /** The skeleton of every transition. */
  private async change(
    ctx: RequestContext,
    problemId: number,
    action: TransitionAction,
    auditAction: OversightAuditAction,
    work: (tx: RequestContext, locked: Locked) => Promise<Change>,
    references: { appointmentId?: number | null; organizationId?: number | null } = {},
  ): Promise<ProblemEntity> {
    const actor = await oversightWriter(ctx);
    const today = oversightToday();
    const held = await lookupOutside<{ organization_id: number | string; appointment_id: number | string | null; owner_appointment_id: number | string | null }>(
      ctx,
      "SELECT p.organization_id, r.appointment_id, p.owner_appointment_id FROM problem p JOIN responsibility r ON r.id = p.responsibility_id WHERE p.id = ?",
      [problemId],
    );
    if (!held) throw new NotFoundError(`problem ${problemId} does not exist`);
    const appointmentIds = [idOrNull(held.appointment_id), idOrNull(held.owner_appointment_id), references.appointmentId ?? null];
    const updated = await inTransaction(ctx, async (tx) => {
      const { organization } = await lockSubject(
        tx,
        actor,
        Number(held.organization_id),
        appointmentIds,
        `problem ${problemId}`,
        references.organizationId == null ? [] : [references.organizationId],
      );
      assertMayWrite(actor, organization);
      const periods = await lockPeriods(tx, { endingOnOrAfter: today });
      const problem = await lockRow(tx, ProblemEntity, problemId);
      if (!problem) throw new NotFoundError(`problem ${problemId} does not exist`);
      const responsibility = await tx.em.findOneByOrFail(ResponsibilityEntity, { id: problem.responsibilityId });
      if (organization.status !== OrgStatus.ACTIVE) throw new ConflictError(`${organization.code} is dissolved: its problems are kept as history and can no longer change`);

      const next = transition(problem.id, problem.state, action);
      const last = await lastEvent(tx, problem.id);
      if (today < last.occurredOn) throw new ConflictError(`problem ${problem.id} already has an event dated ${last.occurredOn}, after today (${today})`);

      const effects = await ScoreEffects.capture(tx, periods, subjectsOf(organization, responsibility));
      const change = await work(tx, { problem, organization, today, actor });
      const after: ProblemEntity = { ...problem, ...change.patch, state: next };
      const result = await tx.em.update(
        ProblemEntity,
        { id: problem.id, state: problem.state },
        { ...change.patch, state: next },
      );
      if (result.affected === 0) throw new ConflictError(`problem ${problem.id} changed while this was written; read it again`);
      const event = await appendEvent(tx, actor, problem, responsibility.appointmentId, {
        seq: last.seq + 1,
        action,
        fromState: problem.state,
        toState: next,
        deadlineBefore: problem.deadline,
        deadlineAfter: after.deadline,
        occurredOn: today,
        reason: change.reason,
        projectId: change.projectId ?? null,
        verifierOrganizationId: change.verifierOrganizationId ?? null,
      });
      await effects.apply(tx, actor.username);
      await recordAudit(tx, {
        action: auditAction,
        targetType: "Problem",
        targetId: problem.id,
        orgPath: organization.path,
        before: problemSnapshot(problem),
        after: { ...problemSnapshot(after), event: eventSnapshot(event), ...(change.project ? { project: projectSnapshot(change.project) } : {}) },
      });
      return tx.em.findOneByOrFail(ProblemEntity, { id: problem.id });
    });
    clearOversightLoaders(ctx);
    return updated;
  }
}

function subjectsOf(organization: OrganizationEntity, responsibility: ResponsibilityEntity) {
  return { organizationIds: [organization.id], appointmentIds: responsibility.appointmentId !== null ? [responsibility.appointmentId] : [] };
}

function assertNotOverdue(problem: ProblemEntity, today: string, what: string): void {
  if (isOverdueOn(problem.deadline, problem.state === ProblemState.CLOSED, today)) {
    throw new ConflictError(
      `problem ${problem.id} missed its deadline ${problem.deadline}: before you ${what}, give the reason and a new deadline (extendProblemDeadline)`,
    );
  }
}

async function lastEvent(tx: RequestContext, problemId: number): Promise<{ seq: number; occurredOn: string }> {
  const rows: { seq: number | string; occurred_on: string }[] = await tx.em.query(
    "SELECT seq, occurred_on FROM problem_event WHERE problem_id = ? ORDER BY seq DESC LIMIT 1",
    [problemId],
  );
  if (rows.length === 0) throw new Error(`problem ${problemId} has no history`);
  return { seq: Number(rows[0].seq), occurredOn: String(rows[0].occurred_on) };
}

async function appendEvent(
  tx: RequestContext,
  actor: Actor,
  problem: ProblemEntity,
  holderAppointmentId: number | null,
  fields: Pick<ProblemEventEntity, "seq" | "action" | "fromState" | "toState" | "deadlineBefore" | "deadlineAfter" | "occurredOn" | "reason"> &
    Partial<Pick<ProblemEventEntity, "projectId" | "verifierOrganizationId">>,
): Promise<ProblemEventEntity> {
  return tx.em.save(
    tx.em.create(ProblemEventEntity, {
      problemId: problem.id,
      organizationId: problem.organizationId,
      holderAppointmentId,
      projectId: null,
      verifierOrganizationId: null,
      ...fields,
      actorId: actor.userId,
      actorName: actor.username,
    }),
  );
}


import { OrganizationEntity, OrgStatus, type OrgKind } from "../../entities";
import { AccountabilityCaseEntity, AccountabilityCaseProblemEntity, ProblemEntity } from "../../entities/oversight.entities";
import {
  AccountabilityCaseKind,
  AccountabilityForm,
  AccountabilityStatus,
  AccountabilitySubject,
  LeadershipRole,
} from "../../entities/oversight-enums";
import { AppointmentEntity } from "../../entities/responsibility.entities";
import type { Actor } from "../auth/actor";
import { ConflictError, NotFoundError } from "../errors";
import { isInSubtree } from "../organization-path";
import type { RequestContext } from "../request-context";
import { requireDate } from "../responsibility/dates";
import { inTransaction } from "../transaction";
import { oversightToday } from "./clock";
import { assertMayWrite, oversightWriter, requireNamed, requireReadable } from "./oversight-access";
import { recordAudit } from "./oversight-audit";
import { invalid, MAX_REASON, MAX_TEXT, notInFuture, optionalDate, requireText } from "./oversight-input";
import { clearOversightLoaders } from "./oversight-loaders";
import { idOrNull, lockPeriods, lockRow, lockSubject, lookupOutside, secretaryOutside } from "./oversight-locks";
import { formProblem, mayOversee, overseeProblem } from "./oversight-rules";
import { ScoreEffects, type ScoreSubjects } from "./score-effects";

export interface OpenCaseInput {
  /** Exactly one of the two: the organisation, or the post holder (appointment) held to account. */
  organizationId?: number | null;
  appointmentId?: number | null;
  form: AccountabilityForm;
  decidingOrganizationId: number;
  decidedOn: string;
  /** The day of the wrongdoing; the leaders in post that day are reviewed (default: decidedOn). */
  incidentOn?: string | null;
  description: string;
  problemIds?: number[] | null;
  /** The leadership member in charge (分管领导) for 一案双查: a post holder of the organisation or of a superior. */
  leaderInChargeId?: number | null;
}

export interface DecideReviewInput {
  caseId: number;
  form: AccountabilityForm;
  decidingOrganizationId: number;
  decidedOn: string;
  resolution: string;
}

const MAX_PROBLEMS = 100;

/**
 * 问责 and 一案双查. A DIRECT case is decided when recorded. One against a post holder at
 * organisation O (the wrongdoer) also opens, in the same transaction, a LEADERSHIP_REVIEW of
 * O's secretary and one of the leadership member in charge, each in post on the incident
 * day; a leader who is the wrongdoer, or already reviewed, is not reviewed twice, and a
 * vacant secretary post opens no review. Reviews are decided (with a form, counting from
 * then on) or cleared later.
 *
 * Scores: a DECIDED case counts in the periods containing its decision date; recording one
 * there when such a period is CLOSED is refused with PERIOD_CLOSED.
 */
export class AccountabilityService {
  async open(ctx: RequestContext, input: OpenCaseInput): Promise<AccountabilityCaseEntity> {
    const actor = await oversightWriter(ctx);
    const today = oversightToday();
    if ((input.organizationId == null) === (input.appointmentId == null)) {
      throw invalid("organizationId", "give exactly one of organizationId (a case against the organisation) and appointmentId (against a post holder)");
    }
    const subjectType = input.appointmentId != null ? AccountabilitySubject.POST_HOLDER : AccountabilitySubject.ORGANIZATION;
    const wrongForm = formProblem(subjectType, input.form);
    if (wrongForm) throw invalid("form", wrongForm);
    const decidedOn = notInFuture(requireDate(input.decidedOn, "decidedOn"), "decidedOn", today);
    const incidentOn = optionalDate(input.incidentOn, "incidentOn");
    if (incidentOn !== null && incidentOn > decidedOn) throw invalid("incidentOn", `${incidentOn} is after the decision (${decidedOn})`);
    const description = requireText(input.description, "description", MAX_TEXT);
    const problemIds = [...new Set(input.problemIds ?? [])];
    if (problemIds.length > MAX_PROBLEMS) throw invalid("problemIds", `at most ${MAX_PROBLEMS} problems`);
    if (subjectType === AccountabilitySubject.ORGANIZATION && input.leaderInChargeId != null) {
      throw invalid("leaderInChargeId", "leadership reviews (一案双查) follow a case against a post holder, not one against an organisation");
    }

    // Which organisation, post holders and day: read before the transaction, so that it can
    // lock them first (oversight-locks.ts).
    let organizationId = input.organizationId!;
    let secretaryId: number | null = null;
    if (input.appointmentId != null) {
      const held = await lookupOutside<{ organization_id: number | string; kind: OrgKind }>(
        ctx,
        "SELECT a.organization_id, o.kind FROM appointment a JOIN organization o ON o.id = a.organization_id WHERE a.id = ?",
        [input.appointmentId],
      );
      if (!held) throw new NotFoundError(`appointment ${input.appointmentId} does not exist`);
      organizationId = Number(held.organization_id);
      secretaryId = await secretaryOutside(ctx, organizationId, held.kind, incidentOn ?? decidedOn);
    }
    const what = input.appointmentId != null ? `appointment ${input.appointmentId}` : `organisation ${organizationId}`;
    const leaderInChargeId = input.leaderInChargeId ?? null;

    const created = await inTransaction(ctx, async (tx) => {
      const subject = await lockSubject(tx, actor, organizationId, [input.appointmentId ?? null, secretaryId, leaderInChargeId], what, [input.decidingOrganizationId]);
      const { organization } = subject;
      assertMayWrite(actor, organization);
      const appointment = input.appointmentId == null ? null : (subject.appointments.get(input.appointmentId) ?? null);
      if (input.appointmentId != null && !appointment) throw new NotFoundError(`appointment ${input.appointmentId} does not exist`);
      const periods = await lockPeriods(tx, { containing: decidedOn });
      if (subjectType === AccountabilitySubject.ORGANIZATION && organization.status !== OrgStatus.ACTIVE) {
        throw new ConflictError(`${organization.code} is dissolved: it can no longer be held to account as an organisation`);
      }
      const deciding = await this.decidingOrganization(tx, actor, input.decidingOrganizationId, organization);
      const problems = await this.problems(tx, actor, problemIds, organization);

      const subjects: ScoreSubjects = appointment ? { organizationIds: [], appointmentIds: [appointment.id] } : { organizationIds: [organization.id], appointmentIds: [] };
      const effects = await ScoreEffects.capture(tx, periods, subjects);
      const primary = await tx.em.save(
        tx.em.create(AccountabilityCaseEntity, {
          kind: AccountabilityCaseKind.DIRECT,
          reviewRole: null,
          primaryCaseId: null,
          subjectType,
          organizationId: organization.id,
          appointmentId: appointment?.id ?? null,
          status: AccountabilityStatus.DECIDED,
          form: input.form,
          decidingOrganizationId: deciding.id,
          decidedOn,
          incidentOn,
          description,
          resolution: null,
          recordedBy: actor.username,
        }),
      );
      if (problems.length > 0) {
        await tx.em.insert(AccountabilityCaseProblemEntity, problems.map((problem) => ({ caseId: primary.id, problemId: problem.id })));
      }
      const reviews = appointment ? await this.openReviews(tx, actor, primary, appointment, organization, incidentOn ?? decidedOn, secretaryId, leaderInChargeId) : [];
      await effects.apply(tx, actor.username);
      await recordAudit(tx, {
        action: "accountability.open",
        targetType: "AccountabilityCase",
        targetId: primary.id,
        orgPath: organization.path,
        before: null,
        after: {
          case: caseSnapshot(primary),
          problemIds: problems.map((problem) => problem.id),
          leadershipReviews: reviews.map(caseSnapshot),
        },
      });
      return primary;
    });
    clearOversightLoaders(ctx);
    return created;
  }

  /** UNDER_REVIEW → DECIDED: the review found leadership responsibility; the form counts from `decidedOn`. */
  async decideReview(ctx: RequestContext, input: DecideReviewInput): Promise<AccountabilityCaseEntity> {
    const actor = await oversightWriter(ctx);
    const today = oversightToday();
    const decidedOn = notInFuture(requireDate(input.decidedOn, "decidedOn"), "decidedOn", today);
    const resolution = requireText(input.resolution, "resolution", MAX_REASON);
    const wrongForm = formProblem(AccountabilitySubject.POST_HOLDER, input.form);
    if (wrongForm) throw invalid("form", wrongForm);
    return this.resolveReview(ctx, actor, input.caseId, "accountability.decideReview", decidedOn, input.decidingOrganizationId, async (tx, organization) => {
      const deciding = await this.decidingOrganization(tx, actor, input.decidingOrganizationId, organization);
      return { status: AccountabilityStatus.DECIDED, form: input.form, decidingOrganizationId: deciding.id, decidedOn, resolution };
    });
  }

  /** UNDER_REVIEW → CLEARED: no leadership responsibility found; no effect on scores. */
  async clearReview(ctx: RequestContext, caseId: number, rawResolution: string): Promise<AccountabilityCaseEntity> {
    const actor = await oversightWriter(ctx);
    const resolution = requireText(rawResolution, "resolution", MAX_REASON);
    return this.resolveReview(ctx, actor, caseId, "accountability.clearReview", null, null, async () => ({ status: AccountabilityStatus.CLEARED, resolution }));
  }

  private async resolveReview(
    ctx: RequestContext,
    actor: Actor,
    caseId: number,
    action: "accountability.decideReview" | "accountability.clearReview",
    decidedOn: string | null,
    decidingOrganizationId: number | null,
    work: (tx: RequestContext, organization: OrganizationEntity) => Promise<Partial<AccountabilityCaseEntity>>,
  ): Promise<AccountabilityCaseEntity> {
    const held = await lookupOutside<{ organization_id: number | string; appointment_id: number | string | null }>(
      ctx,
      "SELECT organization_id, appointment_id FROM accountability_case WHERE id = ?",
      [caseId],
    );
    if (!held) throw new NotFoundError(`accountability case ${caseId} does not exist`);
    const updated = await inTransaction(ctx, async (tx) => {
      const { organization } = await lockSubject(
        tx,
        actor,
        Number(held.organization_id),
        [idOrNull(held.appointment_id)],
        `accountability case ${caseId}`,
        decidingOrganizationId === null ? [] : [decidingOrganizationId],
      );
      assertMayWrite(actor, organization);
      const periods = decidedOn === null ? [] : await lockPeriods(tx, { containing: decidedOn });
      const review = await lockRow(tx, AccountabilityCaseEntity, caseId);
      if (!review) throw new NotFoundError(`accountability case ${caseId} does not exist`);
      if (review.kind !== AccountabilityCaseKind.LEADERSHIP_REVIEW) {
        throw new ConflictError(`accountability case ${caseId} is a DIRECT case, decided when it was recorded: only a leadership review is decided or cleared later`);
      }
      if (review.status !== AccountabilityStatus.UNDER_REVIEW) {
        throw new ConflictError(`accountability case ${caseId} is ${review.status}: only a review UNDER_REVIEW may be decided or cleared, and nothing follows ${review.status}`);
      }
      const primary = await tx.em.findOneByOrFail(AccountabilityCaseEntity, { id: review.primaryCaseId! });
      if (decidedOn !== null && primary.decidedOn !== null && decidedOn < primary.decidedOn) {
        throw invalid("decidedOn", `${decidedOn} is before the case it follows was decided (${primary.decidedOn})`);
      }
      const effects = await ScoreEffects.capture(tx, periods, { organizationIds: [], appointmentIds: review.appointmentId === null ? [] : [review.appointmentId] });
      const patch = await work(tx, organization);
      const result = await tx.em.update(AccountabilityCaseEntity, { id: review.id, status: AccountabilityStatus.UNDER_REVIEW }, patch);
      if (result.affected === 0) throw new ConflictError(`accountability case ${caseId} changed while this was written; read it again`);
      await effects.apply(tx, actor.username);
      const after = await tx.em.findOneByOrFail(AccountabilityCaseEntity, { id: review.id });
      await recordAudit(tx, {
        action,
        targetType: "AccountabilityCase",
        targetId: review.id,
        orgPath: organization.path,
        before: caseSnapshot(review),
        after: caseSnapshot(after),
      });
      return after;
    });
    clearOversightLoaders(ctx);
    return updated;
  }

  /** The deciding body: visible to the actor at least by name, and a superior or a discipline committee over `organization`. */
  private async decidingOrganization(tx: RequestContext, actor: Actor, id: number, organization: OrganizationEntity): Promise<OrganizationEntity> {
    const deciding = requireNamed(actor, await tx.loaders.organizationById.load(id), `organisation ${id}`);
    if (!mayOversee(deciding, organization)) throw invalid("decidingOrganizationId", overseeProblem(deciding, organization));
    return deciding;
  }

  /** The problems a case rests on: visible, and found in the subtree of the case's organisation. */
  private async problems(tx: RequestContext, actor: Actor, ids: number[], organization: OrganizationEntity): Promise<ProblemEntity[]> {
    if (ids.length === 0) return [];
    const rows = await tx.em.createQueryBuilder(ProblemEntity, "p").where("p.id IN (:...ids)", { ids }).getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const orgs = await tx.loaders.organizationById.loadMany([...new Set(rows.map((row) => row.organizationId))]);
    const orgById = new Map(orgs.filter((row): row is OrganizationEntity => row instanceof OrganizationEntity).map((row) => [row.id, row]));
    return ids.map((id) => {
      const problem = byId.get(id);
      const problemOrg = requireReadable(actor, problem ? (orgById.get(problem.organizationId) ?? null) : null, `problem ${id}`);
      if (!isInSubtree(problemOrg.path, organization.path)) {
        throw invalid("problemIds", `problem ${id} was found at ${problemOrg.code}, outside ${organization.code}'s subtree`);
      }
      return problem!;
    });
  }

  /** 一案双查: reviews of the secretary and of the leader in charge, in post on `day`. */
  private async openReviews(
    tx: RequestContext,
    actor: Actor,
    primary: AccountabilityCaseEntity,
    wrongdoer: AppointmentEntity,
    organization: OrganizationEntity,
    day: string,
    secretaryId: number | null,
    leaderInChargeId: number | null,
  ): Promise<AccountabilityCaseEntity[]> {
    const leaders: { role: LeadershipRole; appointment: AppointmentEntity }[] = [];
    const secretary = secretaryId === null ? null : await tx.em.findOneBy(AppointmentEntity, { id: secretaryId });
    if (secretary && secretary.id !== wrongdoer.id) leaders.push({ role: LeadershipRole.SECRETARY, appointment: secretary });
    if (leaderInChargeId !== null) {
      const leader = await tx.em.findOneBy(AppointmentEntity, { id: leaderInChargeId });
      if (!leader) throw new NotFoundError(`appointment ${leaderInChargeId} does not exist`);
      const leaderOrg = requireReadable(actor, await tx.loaders.organizationById.load(leader.organizationId), `appointment ${leaderInChargeId}`);
      assertMayWrite(actor, leaderOrg);
      if (!isInSubtree(organization.path, leaderOrg.path)) {
        throw invalid("leaderInChargeId", `appointment ${leader.id} is a post of ${leaderOrg.code}, neither ${organization.code} nor one of its superiors`);
      }
      if (!(leader.startDate <= day && (leader.endDate === null || leader.endDate >= day))) {
        throw invalid("leaderInChargeId", `appointment ${leader.id} was not held on ${day}`);
      }
      if (leader.id === wrongdoer.id) throw invalid("leaderInChargeId", "the leader in charge is the wrongdoer: the case itself holds them to account");
      if (!leaders.some((entry) => entry.appointment.id === leader.id)) leaders.push({ role: LeadershipRole.LEADER_IN_CHARGE, appointment: leader });
    }
    const reviews: AccountabilityCaseEntity[] = [];
    for (const { role, appointment } of leaders) {
      reviews.push(
        await tx.em.save(
          tx.em.create(AccountabilityCaseEntity, {
            kind: AccountabilityCaseKind.LEADERSHIP_REVIEW,
            reviewRole: role,
            primaryCaseId: primary.id,
            subjectType: AccountabilitySubject.POST_HOLDER,
            organizationId: appointment.organizationId,
            appointmentId: appointment.id,
            status: AccountabilityStatus.UNDER_REVIEW,
            form: null,
            decidingOrganizationId: null,
            decidedOn: null,
            incidentOn: primary.incidentOn,
            description: primary.description,
            resolution: null,
            recordedBy: actor.username,
          }),
        ),
      );
    }
    return reviews;
  }
}

export function caseSnapshot(row: AccountabilityCaseEntity): object {
  return {
    id: row.id,
    kind: row.kind,
    reviewRole: row.reviewRole,
    primaryCaseId: row.primaryCaseId,
    subjectType: row.subjectType,
    organizationId: row.organizationId,
    appointmentId: row.appointmentId,
    status: row.status,
    form: row.form,
    decidingOrganizationId: row.decidingOrganizationId,
    decidedOn: row.decidedOn,
    incidentOn: row.incidentOn,
  };
}

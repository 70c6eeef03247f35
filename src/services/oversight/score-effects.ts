import type { EntityTarget, FindOptionsWhere, ObjectLiteral } from "typeorm";
import { OrganizationEntity, OrgStatus, PeriodStatus, type AssessmentPeriodEntity } from "../../entities";
import { AssessmentEntity, PostAssessmentEntity, ScoreSource } from "../../entities/assessment.entities";
import { AppointmentEntity } from "../../entities/responsibility.entities";
import { PeriodClosedError } from "../errors";
import type { RequestContext } from "../request-context";
import { AssessmentService } from "../scoring/assessment.service";
import { PostAssessmentService } from "../scoring/post-assessment.service";
import { rollupService } from "../scoring/rollup.service";
import type { SubjectFacts } from "../scoring/scoring-inputs";
import { oversightFacts } from "./scoring-facts";

export interface ScoreSubjects {
  organizationIds: number[];
  appointmentIds: number[];
}

const assessments = new AssessmentService();
const postAssessments = new PostAssessmentService();

/**
 * What an oversight write does to scores (DOMAIN.md §3, "through the score issue's rules"):
 * the facts of the subjects it touches are read in each period it may affect before the
 * write and again after it. Where they differ:
 *
 * - in a CLOSED period the write is refused with PERIOD_CLOSED (its scores are final);
 * - in an OPEN period an own score that exists is recomputed by the scoring service, whose
 *   roll-ups of the ancestors follow in the same transaction. Where no score exists yet
 *   nothing is created: the facts are read whenever the score is first computed. An
 *   IMPORTED score keeps the figure the unit submitted, but the scoring service re-grades
 *   it: the negative-list cap applies whether the listing came before the import or after.
 *
 * The caller holds the subject rows and the periods (oversight-locks.ts), as a score
 * writer does; the score service locks the roll-up chain when it recomputes.
 */
export class ScoreEffects {
  private constructor(
    private readonly periods: AssessmentPeriodEntity[],
    private readonly subjects: ScoreSubjects,
    private readonly before: FactsByPeriod,
  ) {}

  static async capture(tx: RequestContext, periods: AssessmentPeriodEntity[], subjects: ScoreSubjects): Promise<ScoreEffects> {
    return new ScoreEffects(periods, subjects, await readFacts(tx, periods, subjects));
  }

  /** Compares, refuses or recomputes; returns the (period, organisation) pairs whose own score was recomputed. */
  async apply(tx: RequestContext, by: string): Promise<{ periodId: number; organizationId?: number; appointmentId?: number }[]> {
    const after = await readFacts(tx, this.periods, this.subjects);
    const recomputed: { periodId: number; organizationId?: number; appointmentId?: number }[] = [];
    for (const period of this.periods) {
      const changedOrgs = this.subjects.organizationIds.filter((id) => !sameFacts(this.before.get(period.id)?.orgs.get(id), after.get(period.id)?.orgs.get(id)));
      const changedPosts = this.subjects.appointmentIds.filter((id) => !sameFacts(this.before.get(period.id)?.posts.get(id), after.get(period.id)?.posts.get(id)));
      if (changedOrgs.length === 0 && changedPosts.length === 0) continue;
      if (period.status === PeriodStatus.CLOSED) throw new PeriodClosedError(period.code);
      for (const id of changedOrgs) {
        if (await this.recomputeOrganization(tx, period, id, by)) recomputed.push({ periodId: period.id, organizationId: id });
      }
      for (const id of changedPosts) {
        if (await this.recomputePost(tx, period, id, by)) recomputed.push({ periodId: period.id, appointmentId: id });
      }
    }
    return recomputed;
  }

  private async recomputeOrganization(tx: RequestContext, period: AssessmentPeriodEntity, organizationId: number, by: string): Promise<boolean> {
    const existing = await currentRow(tx, AssessmentEntity, { periodId: period.id, organizationId });
    if (!existing) return false;
    const organization = await tx.em.findOneBy(OrganizationEntity, { id: organizationId });
    if (!organization || organization.status !== OrgStatus.ACTIVE) return false;
    await rollupService.ensureBuilt(tx, period);
    await assessments.recomputeOwn(tx, organization, period, by, false);
    return true;
  }

  private async recomputePost(tx: RequestContext, period: AssessmentPeriodEntity, appointmentId: number, by: string): Promise<boolean> {
    const existing = await currentRow(tx, PostAssessmentEntity, { periodId: period.id, appointmentId });
    if (!existing || existing.source === ScoreSource.IMPORTED) return false;
    const appointment = await tx.em.findOneBy(AppointmentEntity, { id: appointmentId });
    if (!appointment) return false;
    await postAssessments.recomputeOwn(tx, appointment, period, by, false);
    return true;
  }
}

type FactsByPeriod = Map<number, { orgs: Map<number, SubjectFacts>; posts: Map<number, SubjectFacts> }>;

async function readFacts(tx: RequestContext, periods: AssessmentPeriodEntity[], subjects: ScoreSubjects): Promise<FactsByPeriod> {
  const result: FactsByPeriod = new Map();
  for (const period of periods) {
    result.set(period.id, {
      orgs: subjects.organizationIds.length > 0 ? await oversightFacts.organizationFacts(tx, subjects.organizationIds, period) : new Map(),
      posts: subjects.appointmentIds.length > 0 ? await oversightFacts.postFacts(tx, subjects.appointmentIds, period) : new Map(),
    });
  }
  return result;
}

function sameFacts(a: SubjectFacts | undefined, b: SubjectFacts | undefined): boolean {
  return (
    (a?.overdueProblems ?? 0) === (b?.overdueProblems ?? 0) &&
    (a?.accountabilityCases ?? 0) === (b?.accountabilityCases ?? 0) &&
    (a?.negativeListed ?? false) === (b?.negativeListed ?? false)
  );
}

/** The row as last committed (a locking read on MySQL): a score written after this transaction's snapshot must be seen. */
function currentRow<T extends ObjectLiteral>(tx: RequestContext, entity: EntityTarget<T>, where: FindOptionsWhere<T>): Promise<T | null> {
  return tx.em.findOne(entity, { where, ...(tx.dialect === "mysql" ? { lock: { mode: "pessimistic_read" as const } } : {}) });
}

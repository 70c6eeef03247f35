import { JSONObjectScalar } from "../schema/json-object.scalar";
import { Ctx, FieldResolver, Float, Resolver, Root } from "type-graphql";
import type { AssessmentPeriodEntity } from "../entities";
import type { AssessmentEntity, PostAssessmentEntity } from "../entities/assessment.entities";
import { scoringLoaders } from "../loaders/scoring-loaders";
import type { RequestContext } from "../services/request-context";
import { Assessment, PostAssessment } from "../schema/assessment.type";
import { AssessmentPeriod } from "../schema/assessment-period.type";

/** Score (stored in hundredths), period and provenance of an own score. */
@Resolver(() => Assessment)
export class AssessmentResolver {
  @FieldResolver(() => Float, { description: "得分 Own score, 0–100, two decimals" })
  score(@Root() assessment: AssessmentEntity): number {
    return assessment.scoreHundredths / 100;
  }

  @FieldResolver(() => AssessmentPeriod, { description: "考核周期 The period" })
  async period(@Ctx() ctx: RequestContext, @Root() assessment: AssessmentEntity): Promise<AssessmentPeriodEntity> {
    return (await scoringLoaders(ctx).periodById.load(assessment.periodId))!;
  }

  @FieldResolver(() => JSONObjectScalar, {
    description: "来源 Every input and step of the score: items (weight, completion, source, by, at), evaluations, bonuses (capped), deductions, veto, negative list, rules and thresholds used; or the import",
  })
  async provenance(@Ctx() ctx: RequestContext, @Root() assessment: AssessmentEntity): Promise<object> {
    // Rows read by the assessment loader come without it (assessment.loader.ts).
    if (assessment.provenance !== undefined) return assessment.provenance;
    return (await scoringLoaders(ctx).assessmentProvenance.load({ periodId: assessment.periodId, organizationId: assessment.organizationId })) ?? {};
  }
}

@Resolver(() => PostAssessment)
export class PostAssessmentResolver {
  @FieldResolver(() => Float)
  score(@Root() assessment: PostAssessmentEntity): number {
    return assessment.scoreHundredths / 100;
  }

  @FieldResolver(() => AssessmentPeriod)
  async period(@Ctx() ctx: RequestContext, @Root() assessment: PostAssessmentEntity): Promise<AssessmentPeriodEntity> {
    return (await scoringLoaders(ctx).periodById.load(assessment.periodId))!;
  }

  @FieldResolver(() => JSONObjectScalar)
  provenance(@Root() assessment: PostAssessmentEntity): object {
    return assessment.provenance;
  }
}

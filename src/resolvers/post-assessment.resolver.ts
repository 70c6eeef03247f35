import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { PostAssessmentEntity } from "../entities/assessment.entities";
import type { AppointmentEntity } from "../entities/responsibility.entities";
import type { RequestContext } from "../services/request-context";
import { PostAssessmentService, type PostScoreChange as PostScoreChangeResult } from "../services/scoring/post-assessment.service";
import { PressureQueryService } from "../services/scoring/pressure-query.service";
import type { ScoreImportSummary } from "../services/scoring/score-import.service";
import { PostAssessment } from "../schema/assessment.type";
import { requireLocalId } from "../schema/global-id";
import { Appointment } from "../schema/person.type";
import { AddPostAdjustmentInput, PostScoreChange, RecordPostEvaluationInput, ScoreImportResult } from "../schema/scoring.inputs";

/** 述职评议: post holders' scores, entered and imported like organisations' own scores. */
@Resolver(() => Appointment)
export class AppointmentScoreResolver {
  constructor(
    private readonly posts = new PostAssessmentService(),
    private readonly pressure = new PressureQueryService(),
  ) {}

  @FieldResolver(() => PostAssessment, { nullable: true, description: "述职评议 The post holder's score in the period; null when not assessed" })
  async assessment(@Ctx() ctx: RequestContext, @Root() appointment: AppointmentEntity, @Arg("period") period: string): Promise<PostAssessmentEntity | null> {
    return this.posts.byKey(ctx, appointment.id, await this.pressure.requirePeriod(ctx, period));
  }

  @Query(() => PostAssessment, { nullable: true, description: "述职评议 A post holder's score in a period; null when not assessed" })
  async postAssessment(
    @Ctx() ctx: RequestContext,
    @Arg("appointmentId", () => ID) appointmentId: string,
    @Arg("period") period: string,
  ): Promise<PostAssessmentEntity | null> {
    return this.posts.byKey(ctx, requireLocalId(appointmentId, "Appointment", "appointmentId"), await this.pressure.requirePeriod(ctx, period));
  }

  @Mutation(() => PostScoreChange, { description: "录入述职评议评价 Record an evaluation of a post holder and recompute the score" })
  recordPostEvaluation(@Ctx() ctx: RequestContext, @Arg("input") input: RecordPostEvaluationInput): Promise<PostScoreChangeResult> {
    return this.posts.recordEvaluation(ctx, {
      appointmentId: requireLocalId(input.appointmentId, "Appointment", "appointmentId"),
      period: input.period,
      kind: input.kind,
      score: input.score,
      ballots: input.ballots && { EXCELLENT: input.ballots.excellent, GOOD: input.ballots.good, FAIR: input.ballots.fair, POOR: input.ballots.poor },
    });
  }

  @Mutation(() => PostScoreChange, { description: "述职评议加减分 Record a post holder's bonus, deduction or veto and recompute the score" })
  addPostAdjustment(@Ctx() ctx: RequestContext, @Arg("input") input: AddPostAdjustmentInput): Promise<PostScoreChangeResult> {
    return this.posts.addAdjustment(ctx, { ...input, appointmentId: requireLocalId(input.appointmentId, "Appointment", "appointmentId") });
  }

  @Mutation(() => PostScoreChange, { description: "计算述职评议得分 Recompute a post holder's score from the stored inputs" })
  computePostAssessment(
    @Ctx() ctx: RequestContext,
    @Arg("appointmentId", () => ID) appointmentId: string,
    @Arg("period") period: string,
  ): Promise<PostScoreChangeResult> {
    return this.posts.compute(ctx, requireLocalId(appointmentId, "Appointment", "appointmentId"), period);
  }

  @Mutation(() => ScoreImportResult, {
    description: "导入述职评议得分 Import post-scores.csv (org_code,post_kind,person,period,score): all or nothing",
  })
  importPostScores(@Ctx() ctx: RequestContext, @Arg("csv") csv: string): Promise<ScoreImportSummary> {
    return this.posts.importCsv(ctx, csv);
  }
}

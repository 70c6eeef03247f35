import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../services/request-context";
import { AssessmentService, type ScoreChange as ScoreChangeResult } from "../services/scoring/assessment.service";
import { RollupRepairService, type RecomputeResult } from "../services/scoring/rollup-repair.service";
import { ScoreImportService, type ScoreImportSummary } from "../services/scoring/score-import.service";
import { requireLocalId } from "../schema/global-id";
import {
  AddAdjustmentInput,
  AdjustmentChange,
  RecomputeRollupsResult,
  RecordEvaluationInput,
  ScoreChange,
  ScoreImportResult,
} from "../schema/scoring.inputs";
import { toAdjustmentView, type AdjustmentView } from "./scoring-views";

/** Writes of own scores and their inputs; each is one transaction in its service. */
@Resolver()
export class AssessmentMutationResolver {
  constructor(
    private readonly assessments = new AssessmentService(),
    private readonly importer = new ScoreImportService(),
    private readonly repair = new RollupRepairService(),
  ) {}

  @Mutation(() => ScoreChange, { description: "录入三评 Record an evaluation (a kind again replaces it) and recompute the own score" })
  recordEvaluation(@Ctx() ctx: RequestContext, @Arg("input") input: RecordEvaluationInput): Promise<ScoreChangeResult> {
    return this.assessments.recordEvaluation(ctx, {
      organizationId: requireLocalId(input.organizationId, "Organization", "organizationId"),
      period: input.period,
      kind: input.kind,
      score: input.score,
      ballots: input.ballots && { EXCELLENT: input.ballots.excellent, GOOD: input.ballots.good, FAIR: input.ballots.fair, POOR: input.ballots.poor },
    });
  }

  @Mutation(() => AdjustmentChange, { description: "加分/扣分/一票否决 Record an adjustment with its reason and recompute the own score" })
  async addAdjustment(
    @Ctx() ctx: RequestContext,
    @Arg("input") input: AddAdjustmentInput,
  ): Promise<ScoreChangeResult & { adjustment: AdjustmentView }> {
    const change = await this.assessments.addAdjustment(ctx, {
      ...input,
      organizationId: requireLocalId(input.organizationId, "Organization", "organizationId"),
    });
    return { ...change, adjustment: toAdjustmentView(change.adjustment) };
  }

  @Mutation(() => ScoreChange, { description: "撤销加减分 Withdraw a mistaken adjustment and recompute the own score" })
  withdrawAdjustment(@Ctx() ctx: RequestContext, @Arg("id", () => Int) id: number): Promise<ScoreChangeResult> {
    return this.assessments.withdrawAdjustment(ctx, id);
  }

  @Mutation(() => ScoreChange, { description: "计算得分 Recompute the own score from the stored inputs (replaces an imported score)" })
  computeAssessment(
    @Ctx() ctx: RequestContext,
    @Arg("organizationId", () => ID) organizationId: string,
    @Arg("period") period: string,
  ): Promise<ScoreChangeResult> {
    return this.assessments.compute(ctx, requireLocalId(organizationId, "Organization", "organizationId"), period);
  }

  @Mutation(() => ScoreImportResult, {
    description: "导入得分 Import scores.csv (org_code,period,score): all or nothing; errors name line, column and reason; missing periods are created OPEN",
  })
  importScores(@Ctx() ctx: RequestContext, @Arg("csv") csv: string): Promise<ScoreImportSummary> {
    return this.importer.importCsv(ctx, csv);
  }

  @Mutation(() => RecomputeRollupsResult, { description: "重算汇总 Rebuild the stored roll-ups of a subtree (or the whole period) from scratch" })
  recomputeRollups(
    @Ctx() ctx: RequestContext,
    @Arg("period") period: string,
    @Arg("under", () => ID, { nullable: true }) under?: string | null,
  ): Promise<RecomputeResult> {
    return this.repair.recompute(ctx, period, under == null ? null : requireLocalId(under, "Organization", "under"));
  }
}

import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { OrganizationEntity } from "../entities";
import { AdjustmentEntity, EvaluationEntity, EvaluationKind, ScoreSubject, type AssessmentEntity } from "../entities/assessment.entities";
import type { RequestContext } from "../services/request-context";
import { LevelGrouping, PressureQueryService, type LevelStatView, type PressureLinkView } from "../services/scoring/pressure-query.service";
import { RollupMethod, type ScoreRollupView } from "../services/scoring/rollup-view";
import { Adjustment, Assessment, Evaluation } from "../schema/assessment.type";
import { Organization } from "../schema/organization.type";
import { LevelStat, PeriodFigures, PressureLink } from "../schema/pressure.types";
import { ScoreRollup } from "../schema/score-rollup.type";
import "../schema/scoring-enums";
import { andThen } from "../services/maybe-async";
import { toAdjustmentView, toEvaluationView, type AdjustmentView, type EvaluationView } from "./scoring-views";
import type { PeriodFiguresView } from "./period-figures.resolver";

/**
 * The score fields of Organization (DOMAIN.md §6). Each is a thin call into
 * PressureQueryService; loaders keyed by (period, organisation) keep a nested browse at a
 * few statements per level.
 */
@Resolver(() => Organization)
export class OrganizationScoreResolver {
  constructor(private readonly pressure = new PressureQueryService()) {}

  @FieldResolver(() => Assessment, { nullable: true, description: "本级得分 Own score in the period; null when not assessed" })
  assessment(@Ctx() ctx: RequestContext, @Root() organization: OrganizationEntity, @Arg("period") period: string): Promise<AssessmentEntity | null> | AssessmentEntity | null {
    return andThen(this.pressure.requirePeriod(ctx, period), (found) => this.pressure.assessment(ctx, organization, found));
  }

  @FieldResolver(() => ScoreRollup, { description: "汇总 Figures of the subtree in the period: one stored row" })
  rollup(
    @Ctx() ctx: RequestContext,
    @Root() organization: OrganizationEntity,
    @Arg("period") period: string,
    @Arg("method", () => RollupMethod, { defaultValue: RollupMethod.SUBTREE_MEAN }) method: RollupMethod,
  ): Promise<ScoreRollupView> | ScoreRollupView {
    return andThen(this.pressure.requirePeriod(ctx, period), (found) => this.pressure.rollup(ctx, organization, found, method));
  }

  @FieldResolver(() => [PressureLink], { description: "压力链 Root first, ending with itself: each link's own score and its drop from the parent" })
  async pressureChain(@Ctx() ctx: RequestContext, @Root() organization: OrganizationEntity, @Arg("period") period: string): Promise<PressureLinkView[]> {
    return this.pressure.pressureChain(ctx, organization, await this.pressure.requirePeriod(ctx, period));
  }

  @FieldResolver(() => [LevelStat], { description: "层级剖面 Mean own score per kind (or depth) in the subtree; 上面实、下面弱 shows as a falling curve" })
  async levelProfile(
    @Ctx() ctx: RequestContext,
    @Root() organization: OrganizationEntity,
    @Arg("period") period: string,
    @Arg("by", () => LevelGrouping, { defaultValue: LevelGrouping.KIND }) by: LevelGrouping,
  ): Promise<LevelStatView[]> {
    return this.pressure.levelProfile(ctx, organization, await this.pressure.requirePeriod(ctx, period), by);
  }

  @FieldResolver(() => [PeriodFigures], { description: "趋势 The same organisation's figures in several periods, in the order asked" })
  async trend(@Ctx() ctx: RequestContext, @Root() organization: OrganizationEntity, @Arg("periods", () => [String]) periods: string[]): Promise<PeriodFiguresView[]> {
    const found = await Promise.all(periods.map((code) => this.pressure.requirePeriod(ctx, code)));
    return found.map((period) => ({ organization, period }));
  }

  @FieldResolver(() => [Evaluation], { description: "三评记录 The evaluations recorded for the period" })
  async evaluations(@Ctx() ctx: RequestContext, @Root() organization: OrganizationEntity, @Arg("period") period: string): Promise<EvaluationView[]> {
    const found = await this.pressure.requirePeriod(ctx, period);
    const rows = await ctx.em.find(EvaluationEntity, {
      where: { periodId: found.id, subjectType: ScoreSubject.ORGANIZATION, subjectId: organization.id },
    });
    // The formula's order (SELF, CADRE, COMMITTEE); ORDER BY would sort a MySQL ENUM by index but SQLite text by letters.
    const order = Object.values(EvaluationKind);
    return rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind)).map((row) => toEvaluationView(row, found));
  }

  @FieldResolver(() => [Adjustment], { description: "加减分记录 The adjustments recorded for the period, oldest first" })
  async adjustments(@Ctx() ctx: RequestContext, @Root() organization: OrganizationEntity, @Arg("period") period: string): Promise<AdjustmentView[]> {
    const found = await this.pressure.requirePeriod(ctx, period);
    const rows = await ctx.em.find(AdjustmentEntity, {
      where: { periodId: found.id, subjectType: ScoreSubject.ORGANIZATION, subjectId: organization.id },
      order: { id: "ASC" },
    });
    return rows.map(toAdjustmentView);
  }
}

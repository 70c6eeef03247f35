import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { AssessmentPeriodEntity, OrganizationEntity } from "../entities";
import type { AssessmentEntity } from "../entities/assessment.entities";
import type { RequestContext } from "../services/request-context";
import { PressureQueryService, type PressureLinkView } from "../services/scoring/pressure-query.service";
import { RollupMethod, type ScoreRollupView } from "../services/scoring/rollup-view";
import { Assessment } from "../schema/assessment.type";
import { PeriodFigures, PressureLink } from "../schema/pressure.types";
import { ScoreRollup } from "../schema/score-rollup.type";

export interface PeriodFiguresView {
  organization: OrganizationEntity;
  period: AssessmentPeriodEntity;
}

/** One point of Organization.trend: the same fields as on Organization, for a period already resolved. */
@Resolver(() => PeriodFigures)
export class PeriodFiguresResolver {
  constructor(private readonly pressure = new PressureQueryService()) {}

  @FieldResolver(() => Assessment, { nullable: true })
  assessment(@Ctx() ctx: RequestContext, @Root() figures: PeriodFiguresView): Promise<AssessmentEntity | null> {
    return this.pressure.assessment(ctx, figures.organization, figures.period);
  }

  @FieldResolver(() => ScoreRollup)
  rollup(
    @Ctx() ctx: RequestContext,
    @Root() figures: PeriodFiguresView,
    @Arg("method", () => RollupMethod, { defaultValue: RollupMethod.SUBTREE_MEAN }) method: RollupMethod,
  ): Promise<ScoreRollupView> {
    return this.pressure.rollup(ctx, figures.organization, figures.period, method);
  }

  @FieldResolver(() => [PressureLink])
  pressureChain(@Ctx() ctx: RequestContext, @Root() figures: PeriodFiguresView): Promise<PressureLinkView[]> {
    return this.pressure.pressureChain(ctx, figures.organization, figures.period);
  }
}

import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { AssessmentPeriodEntity } from "../entities";
import { PeriodService } from "../services/period/period.service";
import type { RequestContext } from "../services/request-context";
import { AssessmentPeriod } from "../schema/assessment-period.type";

@Resolver(() => AssessmentPeriod)
export class AssessmentPeriodResolver {
  constructor(private readonly periods = new PeriodService()) {}

  @Query(() => AssessmentPeriod, { nullable: true, description: "考核周期 A period by code; null when unknown" })
  assessmentPeriod(@Ctx() ctx: RequestContext, @Arg("code") code: string): Promise<AssessmentPeriodEntity | null> {
    return this.periods.byCode(ctx, code);
  }

  @Query(() => [AssessmentPeriod], { description: "全部考核周期 Every period, earliest first" })
  assessmentPeriods(@Ctx() ctx: RequestContext): Promise<AssessmentPeriodEntity[]> {
    return this.periods.list(ctx);
  }

  @Mutation(() => AssessmentPeriod, { description: "新建考核周期 Open a period with the default scoring rules" })
  createAssessmentPeriod(@Ctx() ctx: RequestContext, @Arg("code") code: string): Promise<AssessmentPeriodEntity> {
    return this.periods.create(ctx, code);
  }

  @Mutation(() => AssessmentPeriod, { description: "关闭考核周期 Close a period: its figures become immutable" })
  closeAssessmentPeriod(@Ctx() ctx: RequestContext, @Arg("code") code: string): Promise<AssessmentPeriodEntity> {
    return this.periods.close(ctx, code);
  }
}

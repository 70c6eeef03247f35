import { registerEnumType } from "type-graphql";
import { AdjustmentType, EvaluationKind, Grade, ScoreSource } from "../entities/scoring-enums";
import { LevelGrouping } from "../services/scoring/pressure-query.service";
import { RollupMethod } from "../services/scoring/rollup-view";

/** GraphQL registrations of the scoring feature's enums (each registered once, here). */
registerEnumType(Grade, {
  name: "Grade",
  description: "等次 Grade of a score, best first",
  valuesConfig: {
    EXCELLENT: { description: "好 Excellent (≥ 90 by default)" },
    GOOD: { description: "较好 Good (≥ 80)" },
    FAIR: { description: "一般 Fair (≥ 60)" },
    POOR: { description: "差 Poor (below 60, or vetoed)" },
  },
});

registerEnumType(ScoreSource, {
  name: "ScoreSource",
  description: "分数来源 Where an own score came from",
  valuesConfig: {
    COMPUTED: { description: "计算 By the formula from the stored inputs" },
    IMPORTED: { description: "导入 Imported whole (scored offline)" },
  },
});

registerEnumType(EvaluationKind, {
  name: "EvaluationKind",
  description: "三评 Kind of evaluation",
  valuesConfig: {
    SELF: { description: "个人自评 Self-evaluation (weight 0.2)" },
    CADRE: { description: "干部测评 Cadres' evaluation (weight 0.4; may be ballots)" },
    COMMITTEE: { description: "委员议评 Committee members' evaluation (weight 0.4)" },
  },
});

registerEnumType(AdjustmentType, {
  name: "AdjustmentType",
  description: "加减分 Kind of adjustment",
  valuesConfig: {
    BONUS: { description: "加分 Bonus points (counted up to the period's cap, 5 by default)" },
    DEDUCTION: { description: "扣分 Deducted points" },
    VETO: { description: "一票否决 Veto: the grade is POOR whatever the score" },
  },
});

registerEnumType(RollupMethod, {
  name: "RollupMethod",
  description: "汇总方法 How a subtree's average is formed",
  valuesConfig: {
    SUBTREE_MEAN: { description: "每个受评组织计一次 Every assessed organisation of the subtree counts once" },
    MEAN_OF_CHILDREN: {
      description: "逐级平均 value(n) = mean of own(n) and the children's values, recursively (a large branch cannot drown a small one)",
    },
  },
});

registerEnumType(LevelGrouping, {
  name: "LevelGrouping",
  description: "层级分组 How a level profile groups organisations",
  valuesConfig: {
    KIND: { description: "按组织类型 By kind, in the enum's order" },
    DEPTH: { description: "按层深 By absolute depth, ascending" },
  },
});

export { AdjustmentType, EvaluationKind, Grade, LevelGrouping, RollupMethod, ScoreSource };

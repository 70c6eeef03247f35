import { Field, ObjectType, registerEnumType } from "type-graphql";
import { PeriodKind, PeriodStatus } from "../entities/period-enums";
import { DateScalar } from "./scalars";

registerEnumType(PeriodKind, {
  name: "PeriodKind",
  description: "周期类型 Kind of assessment period",
  valuesConfig: {
    YEAR: { description: "年度 A year: YYYY" },
    HALF_YEAR: { description: "半年 A half year: YYYY-H1, YYYY-H2" },
    QUARTER: { description: "季度 A quarter: YYYY-Q1 … YYYY-Q4" },
  },
});

registerEnumType(PeriodStatus, {
  name: "PeriodStatus",
  description: "周期状态 Status of an assessment period",
  valuesConfig: {
    OPEN: { description: "进行中 Open: figures may change" },
    CLOSED: { description: "已关闭 Closed: immutable, roll-ups frozen" },
  },
});

@ObjectType("AssessmentPeriod", { description: "考核周期 An assessment period with the rules it is scored with" })
export class AssessmentPeriod {
  @Field({ description: "代码 Code: YYYY, YYYY-H1|H2, YYYY-Q1..Q4" })
  code: string;

  @Field(() => PeriodKind)
  kind: PeriodKind;

  @Field(() => DateScalar, { description: "开始日期 First day" })
  startDate: string;

  @Field(() => DateScalar, { description: "结束日期 Last day" })
  endDate: string;

  @Field(() => PeriodStatus)
  status: PeriodStatus;

  @Field(() => Date, { nullable: true, description: "关闭时间 When it was closed" })
  closedAt: Date | null;
}

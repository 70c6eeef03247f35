import { Field, Float, Int, ObjectType } from "type-graphql";
import { AssessmentPeriod } from "./assessment-period.type";
import { OrgKind } from "./enums";
import { Organization } from "./organization.type";
import { Grade } from "./scoring-enums";

@ObjectType("PressureLink", { description: "压力链环节 One link of the chain from the root to an organisation" })
export class PressureLink {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => Float, { nullable: true, description: "本级得分 Own score; null when not assessed" })
  ownScore: number | null;

  @Field(() => Float, { nullable: true, description: "较上级落差 Parent's own score − own score (positive: weaker than the parent)" })
  dropFromParent: number | null;
}

@ObjectType("LevelStat", { description: "层级剖面 Mean own score of one kind (or depth) in a subtree" })
export class LevelStat {
  @Field(() => OrgKind, { nullable: true })
  kind: OrgKind | null;

  @Field(() => Int, { nullable: true })
  depth: number | null;

  @Field(() => Int)
  organizationCount: number;

  @Field(() => Int)
  assessedCount: number;

  @Field(() => Float, { nullable: true })
  averageScore: number | null;
}

@ObjectType("AttenuationHotspot", { description: "衰减热点 An organisation whose children score below it" })
export class AttenuationHotspot {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => Float)
  ownScore: number;

  @Field(() => Float)
  childrenAverage: number;

  @Field(() => Float, { description: "衰减 ownScore − childrenAverage" })
  attenuation: number;

  @Field(() => Int, { description: "受评下级数 Assessed direct children behind childrenAverage" })
  childrenAssessedCount: number;
}

@ObjectType("RankedOrganization", { description: "排名 An organisation by own score; ties share a rank (1, 2, 2, 4)" })
export class RankedOrganization {
  @Field(() => Int)
  rank: number;

  @Field(() => Organization)
  organization: Organization;

  @Field(() => Float)
  score: number;

  @Field(() => Grade)
  grade: Grade;
}

@ObjectType("GroupFigures", { description: "对比组 One side of a comparison" })
export class GroupFigures {
  @Field({ description: "名称 What the group is" })
  label: string;

  @Field(() => [String], { description: "成员 The organisation kinds (or post kinds) it takes" })
  members: string[];

  @Field(() => Int, { nullable: true, description: "组织数 Organisations of the group in the subtree; null for post holders" })
  organizationCount: number | null;

  @Field(() => Int, { description: "受评数 Scores behind the mean" })
  assessedCount: number;

  @Field(() => Float, { nullable: true, description: "平均分 Mean score; null when none" })
  averageScore: number | null;
}

@ObjectType("TransmissionComparison", { description: "对比 Upper side against lower side" })
export class TransmissionComparison {
  @Field(() => GroupFigures)
  upper: GroupFigures;

  @Field(() => GroupFigures)
  lower: GroupFigures;

  @Field(() => Float, { nullable: true, description: "差 upper − lower mean (positive: 上面实、下面弱); null when a side has no score" })
  difference: number | null;
}

@ObjectType("TransmissionReport", { description: "三实三弱 Where pressure is strong above and weak below, over a subtree" })
export class TransmissionReport {
  @Field(() => AssessmentPeriod)
  period: AssessmentPeriod;

  @Field(() => Organization, { nullable: true, description: "范围 The subtree's root; null for the whole forest" })
  under: Organization | null;

  @Field(() => TransmissionComparison, { description: "上级机关 vs 基层支部 Committees and party groups vs general branches and branches" })
  upperLevelsVsBranches: TransmissionComparison;

  @Field(() => TransmissionComparison, { description: "地方党委和机关工委 vs 部门党组 Local and working committees vs department party groups" })
  committeesVsPartyGroups: TransmissionComparison;

  @Field(() => TransmissionComparison, { description: "书记 vs 班子其他成员 Secretaries vs party group members (post assessments)" })
  secretariesVsMembers: TransmissionComparison;
}

/** Resolved by field resolvers (trend.resolver): one organisation's figures in one period. */
@ObjectType("PeriodFigures", { description: "期别数据 An organisation's figures in one period (a point of a trend)" })
export class PeriodFigures {
  @Field(() => AssessmentPeriod)
  period: AssessmentPeriod;
}

import { AdminLevel, OrgKind } from "../../entities/enums";
import { ProblemSeverity, ProblemSource, ProblemState, RectificationMode } from "../../entities/oversight-enums";
import { PostKind } from "../../entities/responsibility-enums";
import { Grade, ScoreSource } from "../../entities/scoring-enums";

/**
 * Every word an export shows, in Chinese (the default: the people who open these files) and
 * English (`lang=en`). One table per kind of thing, so a translation is changed in one place;
 * the Chinese terms are those of the schema's descriptions (src/schema/*enums.ts).
 */
export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];

type Bilingual = Readonly<Record<Lang, string>>;
type EnumLabels<E extends string> = Readonly<Record<E, Bilingual>>;

const KIND: EnumLabels<OrgKind> = {
  LOCAL_COMMITTEE: { zh: "地方党委", en: "Local committee" },
  WORKING_COMMITTEE: { zh: "机关工委", en: "Working committee" },
  PARTY_GROUP: { zh: "部门党组（党委）", en: "Party group" },
  ORGAN_COMMITTEE: { zh: "机关党委", en: "Organ committee" },
  DISCIPLINE_COMMITTEE: { zh: "机关纪委", en: "Discipline committee" },
  GENERAL_BRANCH: { zh: "党总支", en: "General branch" },
  BRANCH: { zh: "党支部", en: "Branch" },
};

const LEVEL: EnumLabels<AdminLevel> = {
  NATIONAL: { zh: "中央", en: "National" },
  PROVINCE: { zh: "省", en: "Province" },
  CITY: { zh: "市", en: "City" },
  COUNTY: { zh: "县", en: "County" },
};

const GRADE: EnumLabels<Grade> = {
  EXCELLENT: { zh: "好", en: "Excellent" },
  GOOD: { zh: "较好", en: "Good" },
  FAIR: { zh: "一般", en: "Fair" },
  POOR: { zh: "差", en: "Poor" },
};

const SCORE_SOURCE: EnumLabels<ScoreSource> = {
  COMPUTED: { zh: "计算", en: "Computed" },
  IMPORTED: { zh: "导入", en: "Imported" },
};

const PROBLEM_SOURCE: EnumLabels<ProblemSource> = {
  INSPECTION: { zh: "督查", en: "Inspection" },
  PATROL: { zh: "巡察", en: "Patrol" },
  AUDIT: { zh: "审计", en: "Audit" },
  SELF_CHECK: { zh: "自查", en: "Self-check" },
  COMPLAINT: { zh: "信访举报", en: "Complaint" },
  ASSESSMENT: { zh: "考核", en: "Assessment" },
};

const SEVERITY: EnumLabels<ProblemSeverity> = {
  MINOR: { zh: "一般", en: "Minor" },
  SERIOUS: { zh: "较重", en: "Serious" },
  GRAVE: { zh: "严重", en: "Grave" },
};

const PROBLEM_STATE: EnumLabels<ProblemState> = {
  OPEN: { zh: "待整改", en: "Open" },
  RECTIFYING: { zh: "整改中", en: "Rectifying" },
  PENDING_VERIFICATION: { zh: "申请销号", en: "Pending verification" },
  CLOSED: { zh: "已销号", en: "Closed" },
  REOPENED: { zh: "回头看重开", en: "Reopened" },
};

const RECTIFICATION_MODE: EnumLabels<RectificationMode> = {
  BY_DEADLINE: { zh: "限期整改", en: "By deadline" },
  ONGOING: { zh: "持续整改", en: "Ongoing" },
};

const POST_KIND: EnumLabels<PostKind> = {
  LOCAL_SECRETARY: { zh: "地方党委书记", en: "Local committee secretary" },
  WORKING_COMMITTEE_SECRETARY: { zh: "机关工委书记", en: "Working committee secretary" },
  PARTY_GROUP_SECRETARY: { zh: "党组（党委）书记", en: "Party group secretary" },
  PARTY_GROUP_MEMBER: { zh: "党组其他成员", en: "Party group member" },
  ORGAN_COMMITTEE_SECRETARY: { zh: "机关党委书记", en: "Organ committee secretary" },
  DISCIPLINE_SECRETARY: { zh: "机关纪委书记", en: "Discipline committee secretary" },
  BRANCH_SECRETARY: { zh: "党支部（总支）书记", en: "Branch secretary" },
};

const ENUMS = {
  kind: KIND,
  level: LEVEL,
  grade: GRADE,
  scoreSource: SCORE_SOURCE,
  problemSource: PROBLEM_SOURCE,
  severity: SEVERITY,
  problemState: PROBLEM_STATE,
  rectificationMode: RECTIFICATION_MODE,
  postKind: POST_KIND,
} as const;

export type EnumName = keyof typeof ENUMS;

/** The label of a stored enum value; an unknown value (a newer enum member) is shown as stored. */
export function enumLabel(name: EnumName, value: string | null | undefined, lang: Lang): string | null {
  if (value === null || value === undefined) return null;
  const labels = ENUMS[name] as Readonly<Record<string, Bilingual>>;
  return labels[value]?.[lang] ?? value;
}

const YES_NO = { true: { zh: "是", en: "Yes" }, false: { zh: "否", en: "No" } } as const;

export function yesNo(value: boolean, lang: Lang): string {
  return YES_NO[value ? "true" : "false"][lang];
}

/** Dataset names as they appear in file names and sheet names. */
export const DATASET_TITLES = {
  scores: { zh: "考核得分", en: "scores" },
  rollups: { zh: "得分汇总", en: "rollups" },
  hotspots: { zh: "衰减热点", en: "hotspots" },
  problems: { zh: "问题清单", en: "problems" },
} as const satisfies Record<string, Bilingual>;

export type DatasetName = keyof typeof DATASET_TITLES;

/** Column headers, per dataset, in column order. */
export const HEADERS = {
  scores: {
    code: { zh: "组织编码", en: "Organisation code" },
    name: { zh: "组织名称", en: "Organisation name" },
    parentCode: { zh: "上级组织编码", en: "Parent code" },
    kind: { zh: "组织类型", en: "Kind" },
    level: { zh: "行政层级", en: "Level" },
    regionCode: { zh: "区划代码", en: "Region code" },
    depth: { zh: "层深", en: "Depth" },
    period: { zh: "考核周期", en: "Period" },
    score: { zh: "得分", en: "Score" },
    grade: { zh: "等次", en: "Grade" },
    source: { zh: "分数来源", en: "Source" },
    provenance: { zh: "得分构成", en: "Provenance" },
    updatedAt: { zh: "更新时间", en: "Updated at" },
    updatedBy: { zh: "更新人", en: "Updated by" },
  },
  rollups: {
    code: { zh: "组织编码", en: "Organisation code" },
    name: { zh: "组织名称", en: "Organisation name" },
    kind: { zh: "组织类型", en: "Kind" },
    depth: { zh: "层深", en: "Depth" },
    organizationCount: { zh: "组织数", en: "Organisations" },
    assessedCount: { zh: "受评组织数", en: "Assessed" },
    coverage: { zh: "覆盖率", en: "Coverage" },
    ownScore: { zh: "本级得分", en: "Own score" },
    averageScore: { zh: "平均分", en: "Average" },
    meanOfChildren: { zh: "逐级平均分", en: "Mean of children" },
    minScore: { zh: "最低分", en: "Min" },
    maxScore: { zh: "最高分", en: "Max" },
    excellent: { zh: "好（个）", en: "Excellent (count)" },
    good: { zh: "较好（个）", en: "Good (count)" },
    fair: { zh: "一般（个）", en: "Fair (count)" },
    poor: { zh: "差（个）", en: "Poor (count)" },
    childrenAssessed: { zh: "受评直属下级数", en: "Assessed children" },
    childrenAverage: { zh: "直属下级平均分", en: "Children average" },
    attenuation: { zh: "衰减值", en: "Attenuation" },
  },
  hotspots: {
    rank: { zh: "排名", en: "Rank" },
    code: { zh: "组织编码", en: "Organisation code" },
    name: { zh: "组织名称", en: "Organisation name" },
    kind: { zh: "组织类型", en: "Kind" },
    depth: { zh: "层深", en: "Depth" },
    ownScore: { zh: "本级得分", en: "Own score" },
    childrenAverage: { zh: "直属下级平均分", en: "Children average" },
    attenuation: { zh: "衰减值", en: "Attenuation" },
    childrenAssessed: { zh: "受评直属下级数", en: "Assessed children" },
  },
  problems: {
    id: { zh: "问题ID", en: "Problem ID" },
    code: { zh: "组织编码", en: "Organisation code" },
    name: { zh: "组织名称", en: "Organisation name" },
    title: { zh: "问题标题", en: "Title" },
    category: { zh: "问题类别", en: "Category" },
    source: { zh: "问题来源", en: "Source" },
    severity: { zh: "严重程度", en: "Severity" },
    state: { zh: "期末状态", en: "State at period end" },
    deadline: { zh: "整改时限", en: "Deadline" },
    overdue: { zh: "期末逾期", en: "Overdue at period end" },
    asOf: { zh: "统计截止日", en: "As of" },
    currentState: { zh: "当前状态", en: "Current state" },
    mode: { zh: "整改方式", en: "Rectification mode" },
    owner: { zh: "整改责任人", en: "Owner" },
    ownerPost: { zh: "责任人岗位", en: "Owner's post" },
    responsibility: { zh: "所涉责任", en: "Responsibility" },
    foundOn: { zh: "发现日期", en: "Found on" },
    recordedAt: { zh: "登记时间", en: "Recorded at" },
    closedOn: { zh: "销号日期", en: "Closed on" },
  },
} as const satisfies Record<DatasetName, Record<string, Bilingual>>;

/** Words of the provenance summary (scores.export.ts). */
export const PROVENANCE_WORDS = {
  items: { zh: "条目", en: "items" },
  evaluations: { zh: "评议", en: "evaluations" },
  base: { zh: "基础分", en: "base" },
  bonus: { zh: "加分", en: "bonus" },
  deductions: { zh: "扣分", en: "deductions" },
  overdueProblems: { zh: "逾期问题", en: "overdue problems" },
  cases: { zh: "问责", en: "accountability cases" },
  veto: { zh: "一票否决", en: "veto" },
  negativeList: { zh: "负面清单", en: "negative list" },
  cappedAtGood: { zh: "等次不得为好", en: "grade capped at GOOD" },
  imported: { zh: "导入", en: "imported" },
  line: { zh: "行", en: "line" },
  replaced: { zh: "替换", en: "replaced" },
} as const satisfies Record<string, Bilingual>;

import { registerEnumType } from "type-graphql";
import {
  AccountabilityCaseKind,
  AccountabilityForm,
  AccountabilityStatus,
  AccountabilitySubject,
  InspectionMethod,
  LeadershipRole,
  ProblemAction,
  ProblemSeverity,
  ProblemSource,
  ProblemState,
  RectificationMode,
} from "../entities/oversight-enums";

/** GraphQL registrations of the oversight feature's enums (each registered once, here). */
registerEnumType(InspectionMethod, {
  name: "InspectionMethod",
  description: "督查方式 How an inspection was made",
  valuesConfig: {
    ANNOUNCED: { description: "常规督查 Announced beforehand" },
    UNANNOUNCED: { description: "四不两直 Unannounced, straight to the grass roots (不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场)" },
  },
});

registerEnumType(ProblemSource, {
  name: "ProblemSource",
  description: "问题来源 Where a problem was found",
  valuesConfig: {
    INSPECTION: { description: "督查 An inspection (the problem names it)" },
    PATROL: { description: "巡察 A patrol" },
    AUDIT: { description: "审计 An audit" },
    SELF_CHECK: { description: "自查 The organisation's own check" },
    COMPLAINT: { description: "信访举报 A complaint or report" },
    ASSESSMENT: { description: "考核 An assessment" },
  },
});

registerEnumType(ProblemSeverity, {
  name: "ProblemSeverity",
  description: "严重程度 How serious a problem is, mildest first",
  valuesConfig: {
    MINOR: { description: "一般 Minor" },
    SERIOUS: { description: "较重 Serious" },
    GRAVE: { description: "严重 Grave" },
  },
});

registerEnumType(ProblemState, {
  name: "ProblemState",
  description: "问题状态 Where a problem is in its rectification",
  valuesConfig: {
    OPEN: { description: "待整改 Found, no rectification project yet" },
    RECTIFYING: { description: "整改中 A project and deadline set" },
    PENDING_VERIFICATION: { description: "申请销号 Rectified, waiting for verification" },
    CLOSED: { description: "已销号 Verified by a superior or the discipline committee" },
    REOPENED: { description: "回头看重开 Found again by a follow-up check" },
  },
});

registerEnumType(RectificationMode, {
  name: "RectificationMode",
  description: "整改方式 How a problem is rectified",
  valuesConfig: {
    BY_DEADLINE: { description: "限期整改 By a deadline" },
    ONGOING: { description: "持续整改 Ongoing; its current stage still has a due date" },
  },
});

registerEnumType(ProblemAction, {
  name: "ProblemAction",
  description: "问题操作 One step of a problem's history",
  valuesConfig: {
    RECORD: { description: "登记 Recorded (→ OPEN)" },
    START_RECTIFICATION: { description: "启动整改 A project and deadline set (OPEN or REOPENED → RECTIFYING): startRectification" },
    SUBMIT_FOR_VERIFICATION: { description: "申请销号 Applied for verification (RECTIFYING → PENDING_VERIFICATION): submitProblemForVerification" },
    VERIFY: { description: "销号 Verified and closed (PENDING_VERIFICATION → CLOSED): verifyProblem" },
    REJECT_VERIFICATION: { description: "不予销号 Verification refused (PENDING_VERIFICATION → RECTIFYING): rejectProblemVerification" },
    REOPEN: { description: "回头看重开 Reopened (CLOSED → REOPENED): reopenProblem" },
    EXTEND_DEADLINE: { description: "延期 A new deadline with a reason, state unchanged: extendProblemDeadline" },
  },
});

registerEnumType(AccountabilitySubject, {
  name: "AccountabilitySubject",
  description: "问责对象 Who is held to account",
  valuesConfig: {
    ORGANIZATION: { description: "党组织 An organisation" },
    POST_HOLDER: { description: "岗位人员 A post holder (an appointment)" },
  },
});

registerEnumType(AccountabilityForm, {
  name: "AccountabilityForm",
  description: "问责方式 Form of accountability; organisation: INSPECTION_ORDER < CIRCULATION < REORGANIZATION; post holder: CIRCULATION < ADMONITION < ORGANIZATIONAL_ADJUSTMENT < DISCIPLINARY",
  valuesConfig: {
    INSPECTION_ORDER: { description: "责令检查 Ordered to make a self-examination (organisation, mildest)" },
    CIRCULATION: { description: "通报 Circulated (organisation or post holder)" },
    REORGANIZATION: { description: "改组 Reorganised (organisation, most severe)" },
    ADMONITION: { description: "诫勉 Admonition (post holder)" },
    ORGANIZATIONAL_ADJUSTMENT: { description: "组织调整/组织处理 Organisational adjustment (post holder)" },
    DISCIPLINARY: { description: "纪律处分 Disciplinary sanction (post holder, most severe)" },
  },
});

registerEnumType(AccountabilityCaseKind, {
  name: "AccountabilityCaseKind",
  description: "案件类型 一案双查: the case against the wrongdoer, or a linked leadership review",
  valuesConfig: {
    DIRECT: { description: "直接责任 The case against the wrongdoer" },
    LEADERSHIP_REVIEW: { description: "领导责任 A linked review of a leader responsible (一案双查)" },
  },
});

registerEnumType(LeadershipRole, {
  name: "LeadershipRole",
  description: "被查领导 Which leader a leadership review concerns",
  valuesConfig: {
    SECRETARY: { description: "书记 The organisation's secretary (第一责任人)" },
    LEADER_IN_CHARGE: { description: "分管领导 The leadership member in charge" },
  },
});

registerEnumType(AccountabilityStatus, {
  name: "AccountabilityStatus",
  description: "案件状态 Status of an accountability case",
  valuesConfig: {
    UNDER_REVIEW: { description: "审查中 A leadership review not yet decided" },
    DECIDED: { description: "已决定 Decided with a form; counts in the period of its date" },
    CLEARED: { description: "不予问责 The review found no leadership responsibility" },
  },
});

export {
  AccountabilityCaseKind,
  AccountabilityForm,
  AccountabilityStatus,
  AccountabilitySubject,
  InspectionMethod,
  LeadershipRole,
  ProblemAction,
  ProblemSeverity,
  ProblemSource,
  ProblemState,
  RectificationMode,
};

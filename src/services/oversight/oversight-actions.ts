/** The audit actions of inspections, problems, accountability and the negative list (audit-action.ts lists them all). */
export const OVERSIGHT_AUDIT_ACTIONS = [
  "problemCategory.create",
  "problemCategory.update",
  "inspection.record",
  "problem.record",
  "problem.startRectification",
  "problem.submitForVerification",
  "problem.verify",
  "problem.rejectVerification",
  "problem.reopen",
  "problem.extendDeadline",
  "accountability.open",
  "accountability.decideReview",
  "accountability.clearReview",
  "negativeList.add",
  "negativeList.remove",
] as const;

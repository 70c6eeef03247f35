import { OrgKind, type OrganizationEntity } from "../../entities";
import { AccountabilityForm, AccountabilitySubject } from "../../entities/oversight-enums";
import { PostKind } from "../../entities/responsibility-enums";
import { isInSubtree } from "../organization-path";

/**
 * Who may oversee whom (督查, 销号 verification, 问责 decisions): a superior of the
 * organisation (a strict ancestor), or a discipline committee (机关纪委, 监督责任) whose
 * parent's subtree holds it, i.e. the discipline committee beside or above it. An
 * organisation never oversees itself.
 */
export function mayOversee(overseer: OrganizationEntity, overseen: OrganizationEntity): boolean {
  if (overseer.id === overseen.id) return false;
  if (isInSubtree(overseen.path, overseer.path)) return true;
  if (overseer.kind !== OrgKind.DISCIPLINE_COMMITTEE) return false;
  const parentPath = overseer.path.slice(0, overseer.path.length - 11);
  return parentPath.length > 0 && isInSubtree(overseen.path, parentPath);
}

export function overseeProblem(overseer: OrganizationEntity, overseen: OrganizationEntity): string {
  return `${overseer.code} is neither a superior of ${overseen.code} nor a discipline committee over it`;
}

/** The secretary post (第一责任人) of each kind of organisation. */
export const SECRETARY_POST: Readonly<Record<OrgKind, PostKind>> = {
  [OrgKind.LOCAL_COMMITTEE]: PostKind.LOCAL_SECRETARY,
  [OrgKind.WORKING_COMMITTEE]: PostKind.WORKING_COMMITTEE_SECRETARY,
  [OrgKind.PARTY_GROUP]: PostKind.PARTY_GROUP_SECRETARY,
  [OrgKind.ORGAN_COMMITTEE]: PostKind.ORGAN_COMMITTEE_SECRETARY,
  [OrgKind.DISCIPLINE_COMMITTEE]: PostKind.DISCIPLINE_SECRETARY,
  [OrgKind.GENERAL_BRANCH]: PostKind.BRANCH_SECRETARY,
  [OrgKind.BRANCH]: PostKind.BRANCH_SECRETARY,
};

/** The forms of DOMAIN.md §4 per subject, mildest first: the index + 1 is the severity rank. */
export const ACCOUNTABILITY_FORMS: Readonly<Record<AccountabilitySubject, readonly AccountabilityForm[]>> = {
  [AccountabilitySubject.ORGANIZATION]: [AccountabilityForm.INSPECTION_ORDER, AccountabilityForm.CIRCULATION, AccountabilityForm.REORGANIZATION],
  [AccountabilitySubject.POST_HOLDER]: [
    AccountabilityForm.CIRCULATION,
    AccountabilityForm.ADMONITION,
    AccountabilityForm.ORGANIZATIONAL_ADJUSTMENT,
    AccountabilityForm.DISCIPLINARY,
  ],
};

/** 1 for the mildest form of the subject's scale. */
export function severityRank(subject: AccountabilitySubject, form: AccountabilityForm): number {
  return ACCOUNTABILITY_FORMS[subject].indexOf(form) + 1;
}

/** Why `form` does not apply to `subject`, or null when it does. */
export function formProblem(subject: AccountabilitySubject, form: AccountabilityForm): string | null {
  const allowed = ACCOUNTABILITY_FORMS[subject];
  return allowed.includes(form) ? null : `${form} is not a form for ${subject}: use ${allowed.join(", ")}`;
}

import { OrgKind } from "../../entities/enums";
import { DutyCategory, DutyType, EvidenceKind, PostKind, RequirementUnit } from "../../entities/responsibility-enums";
import { BadUserInputError, type FieldProblem } from "../errors";
import { MAX_WEIGHT } from "./weights";

/** An item's own fields, as a catalog edit, the built-in installer or a local addition gives them. */
export interface CatalogItemFields {
  code: string;
  title: string;
  description?: string | null;
  subjectOrgKind?: OrgKind | null;
  subjectPostKind?: PostKind | null;
  dutyType: DutyType;
  category: DutyCategory;
  weight: number;
  evidenceKinds?: EvidenceKind[] | null;
  requirement?: { minCount: number; per: RequirementUnit; evidenceKind?: EvidenceKind | null } | null;
}

export interface NormalizedItemFields {
  code: string;
  title: string;
  description: string;
  subjectOrgKind: OrgKind | null;
  subjectPostKind: PostKind | null;
  dutyType: DutyType;
  category: DutyCategory;
  weight: number;
  evidenceKinds: EvidenceKind[];
  requiredCount: number | null;
  requiredUnit: RequirementUnit | null;
  requiredEvidenceKind: EvidenceKind | null;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 5000;
const MAX_MIN_COUNT = 1000;

/** Every problem with the fields at once (not only the first), or the fields cleaned up. */
export function normalizeItemFields(input: CatalogItemFields): NormalizedItemFields {
  const problems: FieldProblem[] = [];
  const code = input.code.trim();
  const title = input.title.trim();
  const description = (input.description ?? "").trim();
  if (!CODE.test(code)) problems.push({ column: "code", reason: "1–64 letters, digits, '.', '_' or '-', starting with a letter or digit" });
  if (title.length === 0 || title.length > MAX_TITLE) problems.push({ column: "title", reason: `1–${MAX_TITLE} characters` });
  if (description.length > MAX_DESCRIPTION) problems.push({ column: "description", reason: `at most ${MAX_DESCRIPTION} characters` });
  const subjectOrgKind = input.subjectOrgKind ?? null;
  const subjectPostKind = input.subjectPostKind ?? null;
  if ((subjectOrgKind === null) === (subjectPostKind === null)) {
    problems.push({ column: "subject", reason: "give exactly one of subjectOrgKind and subjectPostKind" });
  }
  const weight = input.weight;
  if (!Number.isFinite(weight) || weight <= 0) problems.push({ column: "weight", reason: "must be greater than 0" });
  else if (weight > MAX_WEIGHT) problems.push({ column: "weight", reason: `must be at most ${MAX_WEIGHT}` });
  else if (Math.abs(Math.round(weight * 100) - weight * 100) > 1e-6) problems.push({ column: "weight", reason: "at most two decimals" });
  const evidenceKinds = [...new Set(input.evidenceKinds ?? [])];
  let requiredCount: number | null = null;
  let requiredUnit: RequirementUnit | null = null;
  let requiredEvidenceKind: EvidenceKind | null = null;
  if (input.requirement) {
    const { minCount, per, evidenceKind } = input.requirement;
    if (!Number.isInteger(minCount) || minCount < 1 || minCount > MAX_MIN_COUNT) {
      problems.push({ column: "requirement.minCount", reason: `an integer from 1 to ${MAX_MIN_COUNT}` });
    }
    requiredCount = minCount;
    requiredUnit = per;
    requiredEvidenceKind = evidenceKind ?? null;
    if (requiredEvidenceKind !== null && !evidenceKinds.includes(requiredEvidenceKind)) evidenceKinds.push(requiredEvidenceKind);
  }
  if (problems.length > 0) throw new BadUserInputError(`invalid catalog item: ${problems.map((p) => `${p.column}: ${p.reason}`).join("; ")}`, problems);
  return {
    code,
    title,
    description,
    subjectOrgKind,
    subjectPostKind,
    dutyType: input.dutyType,
    category: input.category,
    weight: Math.round(weight * 100) / 100,
    evidenceKinds,
    requiredCount,
    requiredUnit,
    requiredEvidenceKind,
  };
}

export function sameSubject(a: { subjectOrgKind: OrgKind | null; subjectPostKind: PostKind | null }, b: { subjectOrgKind: OrgKind | null; subjectPostKind: PostKind | null }): boolean {
  return a.subjectOrgKind === b.subjectOrgKind && a.subjectPostKind === b.subjectPostKind;
}

export function describeSubject(item: { subjectOrgKind: OrgKind | null; subjectPostKind: PostKind | null }): string {
  return item.subjectOrgKind ?? item.subjectPostKind ?? "nothing";
}

import type { OrgKind } from "../entities/enums";
import type { DutyCategory, DutyType, EvidenceKind, PostKind, RequirementUnit } from "../entities/responsibility-enums";

/** One item of a built-in catalog, with its 小项; codes are unique within the catalog. */
export interface BuiltInItem {
  code: string;
  title: string;
  description: string;
  dutyType: DutyType;
  category: DutyCategory;
  /** Two decimals at most; a 大项's weight is the sum of its 小项' weights. */
  weight: number;
  evidenceKinds: EvidenceKind[];
  requirement?: { minCount: number; per: RequirementUnit; evidenceKind: EvidenceKind | null };
  /** Code of the organisation item (of this catalog) this one breaks down (分解). */
  derivesFrom?: string;
  children?: BuiltInItem[];
}

/** The items of one subject: an organisation kind or a post kind. */
export interface BuiltInSection {
  subjectOrgKind?: OrgKind;
  subjectPostKind?: PostKind;
  items: BuiltInItem[];
}

export interface BuiltInCatalog {
  code: string;
  title: string;
  description: string;
  sections: BuiltInSection[];
}

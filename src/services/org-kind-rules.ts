import { AdminLevel, OrgKind } from "../entities/enums";

/**
 * The one table of allowed parent kinds (DOMAIN.md §2), checked on create, import and move.
 * `null` in the list means the kind may be a root.
 */
export const ALLOWED_PARENT_KINDS: Readonly<Record<OrgKind, readonly (OrgKind | null)[]>> = {
  [OrgKind.LOCAL_COMMITTEE]: [null, OrgKind.LOCAL_COMMITTEE],
  [OrgKind.WORKING_COMMITTEE]: [OrgKind.LOCAL_COMMITTEE],
  [OrgKind.PARTY_GROUP]: [OrgKind.WORKING_COMMITTEE],
  [OrgKind.ORGAN_COMMITTEE]: [OrgKind.PARTY_GROUP, OrgKind.WORKING_COMMITTEE],
  [OrgKind.DISCIPLINE_COMMITTEE]: [OrgKind.PARTY_GROUP, OrgKind.ORGAN_COMMITTEE],
  [OrgKind.GENERAL_BRANCH]: [OrgKind.ORGAN_COMMITTEE, OrgKind.WORKING_COMMITTEE],
  [OrgKind.BRANCH]: [OrgKind.ORGAN_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.WORKING_COMMITTEE],
};

/** Administrative levels from the top down. */
export const LEVEL_ORDER: readonly AdminLevel[] = [
  AdminLevel.NATIONAL,
  AdminLevel.PROVINCE,
  AdminLevel.CITY,
  AdminLevel.COUNTY,
];

export interface ParentFacts {
  kind: OrgKind;
  level: AdminLevel;
}

/** Why `kind` may not sit under `parent` (null for a root), or null when it may. */
export function parentKindProblem(kind: OrgKind, parent: ParentFacts | null): string | null {
  const allowed = ALLOWED_PARENT_KINDS[kind];
  const parentKind = parent?.kind ?? null;
  if (allowed.includes(parentKind)) return null;
  if (parentKind === null) return `a ${kind} cannot be a root; it needs a parent of kind ${describe(allowed)}`;
  return `a ${kind} cannot be placed under a ${parentKind}; allowed parents: ${describe(allowed)}`;
}

/**
 * The level a node of `kind` must have under `parent`: a local committee sits one level
 * below its parent; every other kind shares its parent's level. Null when no level fits
 * (a local committee below a county), undefined for a root (any level may be given).
 */
export function requiredLevel(kind: OrgKind, parent: ParentFacts | null): AdminLevel | null | undefined {
  if (parent === null) return undefined;
  if (kind !== OrgKind.LOCAL_COMMITTEE) return parent.level;
  const below = LEVEL_ORDER.indexOf(parent.level) + 1;
  return below < LEVEL_ORDER.length ? LEVEL_ORDER[below] : null;
}

/** Why `level` is wrong for `kind` under `parent`, or null when it is right. */
export function levelProblem(kind: OrgKind, level: AdminLevel, parent: ParentFacts | null): string | null {
  const required = requiredLevel(kind, parent);
  if (required === undefined) return null;
  if (required === null) return `no ${kind} can sit under a ${parent!.level} ${parent!.kind}: there is no level below ${parent!.level}`;
  if (required !== level) return `level must be ${required} for a ${kind} under a ${parent!.level} ${parent!.kind}, not ${level}`;
  return null;
}

function describe(kinds: readonly (OrgKind | null)[]): string {
  return kinds.map((k) => k ?? "none (root)").join(", ");
}

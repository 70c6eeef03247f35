import { AdminLevel, OrgKind } from "../entities/enums";
import type { FieldProblem } from "./errors";

/** Field rules shared by the mutations and the CSV import (DOMAIN.md §6 orgs.csv). */
export const CODE_MAX_LENGTH = 64;
export const NAME_MAX_LENGTH = 200;
// C0 and C1 control characters, and DEL.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const REGION_CODE = /^\d{6}$/;

export function codeProblem(code: string): string | null {
  if (code.length === 0) return "code is empty";
  if ([...code].length > CODE_MAX_LENGTH) return `code is longer than ${CODE_MAX_LENGTH} characters`;
  if (CONTROL_CHARACTERS.test(code)) return "code contains a control character";
  return null;
}

// A name may run over lines (a quoted CSV field can hold a line break), nothing else invisible.
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

export function nameProblem(name: string): string | null {
  if (name.trim().length === 0) return "name is empty";
  if ([...name].length > NAME_MAX_LENGTH) return `name is longer than ${NAME_MAX_LENGTH} characters`;
  if (CONTROL_CHARACTERS_BUT_LINE_BREAKS.test(name)) return "name contains a control character";
  return null;
}

export function regionCodeProblem(regionCode: string): string | null {
  return REGION_CODE.test(regionCode) ? null : `region code must be six digits (GB/T 2260), not "${regionCode}"`;
}

export function memberCountProblem(memberCount: number): string | null {
  return Number.isSafeInteger(memberCount) && memberCount >= 0 && memberCount <= 2_147_483_647
    ? null
    : `member count must be a whole number ≥ 0, not "${memberCount}"`;
}

/** Parses an import cell strictly: digits only, so "12abc", "1e3" and "-1" are refused. */
export function parseMemberCount(raw: string): number | null {
  return /^\d{1,10}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
}

export function parseOrgKind(raw: string): OrgKind | null {
  return (Object.values(OrgKind) as string[]).includes(raw) ? (raw as OrgKind) : null;
}

export function parseAdminLevel(raw: string): AdminLevel | null {
  return (Object.values(AdminLevel) as string[]).includes(raw) ? (raw as AdminLevel) : null;
}

export interface OrganizationFieldValues {
  code?: string;
  name?: string;
  regionCode?: string;
  memberCount?: number;
}

/** Every problem with the given fields (absent fields are not checked). */
export function organizationFieldProblems(values: OrganizationFieldValues): FieldProblem[] {
  const checks: [string, string | null][] = [
    ["code", values.code === undefined ? null : codeProblem(values.code)],
    ["name", values.name === undefined ? null : nameProblem(values.name)],
    ["regionCode", values.regionCode === undefined ? null : regionCodeProblem(values.regionCode)],
    ["memberCount", values.memberCount === undefined ? null : memberCountProblem(values.memberCount)],
  ];
  return checks.filter(([, reason]) => reason !== null).map(([column, reason]) => ({ column, reason: reason! }));
}

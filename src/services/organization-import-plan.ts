import { AdminLevel, OrgKind, OrgStatus } from "../entities/enums";
import type { CsvRecord } from "./csv/csv-reader";
import type { FieldProblem } from "./errors";
import { levelProblem, parentKindProblem, type ParentFacts } from "./org-kind-rules";
import { codeProblem, nameProblem, parseAdminLevel, parseMemberCount, parseOrgKind, regionCodeProblem } from "./organization-fields";
import { MAX_DEPTH } from "./organization-path";

/**
 * Validation and ordering of an organisation import, kept free of I/O so that a million
 * rows are checked with Maps in memory and the database is only asked for codes in bulk.
 */
export const ORGANIZATION_IMPORT_COLUMNS = [
  "code",
  "parent_code",
  "name",
  "kind",
  "level",
  "region_code",
  "member_count",
] as const;

export type OrganizationImportColumn = (typeof ORGANIZATION_IMPORT_COLUMNS)[number];

/** What the planner needs to know about an organisation already in the database. */
export interface ExistingOrganization {
  id: number;
  kind: OrgKind;
  level: AdminLevel;
  path: string;
  depth: number;
  status: OrgStatus;
}

export interface ExistingOrganizations {
  byCode: ReadonlyMap<string, ExistingOrganization>;
}

export interface PlannedOrganization {
  line: number;
  code: string;
  name: string;
  kind: OrgKind;
  level: AdminLevel;
  regionCode: string;
  memberCount: number;
  /** Null for a root. */
  parentCode: string | null;
  /** Index in `rows` of the parent when the file holds it; always smaller than this row's index. */
  parentIndex: number | null;
  /** The parent when it is already in the database. */
  existingParent: ExistingOrganization | null;
  /** 0 for a root, counted from the real root when the parent is in the database. */
  depth: number;
}

export interface ImportPlan {
  /** Sorted by line, then by column in file-format order. */
  problems: FieldProblem[];
  /** Empty when there are problems; otherwise every row, parents before their children. */
  rows: PlannedOrganization[];
}

/** Every code the file mentions, as a row or as a parent: the ones to look up in the database. */
export function referencedCodes(records: readonly CsvRecord[]): Set<string> {
  const codes = new Set<string>();
  for (const { values } of records) {
    const code = values.code.trim();
    const parentCode = values.parent_code.trim();
    if (code !== "") codes.add(code);
    if (parentCode !== "") codes.add(parentCode);
  }
  return codes;
}

interface Candidate {
  line: number;
  code: string;
  parentCode: string | null;
  name: string;
  kind: OrgKind | null;
  level: AdminLevel | null;
  regionCode: string;
  memberCount: number | null;
  /** Index of the parent's row in the file, when the parent is a distinct, first-seen row of it. */
  parentIndex: number;
  existingParent: ExistingOrganization | null;
  /** False when the parent is missing, dissolved, the row itself or on a cycle: no facts to check against. */
  parentKnown: boolean;
}

type Report = (line: number, column: OrganizationImportColumn, reason: string) => void;

const NO_ROW = -1;
const UNKNOWN_DEPTH = -1;

export function planImport(records: readonly CsvRecord[], existing: ExistingOrganizations): ImportPlan {
  const problems: FieldProblem[] = [];
  const report: Report = (line, column, reason) => problems.push({ line, column, reason });

  const candidates = records.map((record) => parseRecord(record, report));
  const indexByCode = indexFirstOccurrences(candidates, existing, report);
  resolveParents(candidates, indexByCode, existing, report);
  const depths = depthsAndCycles(candidates, report);
  checkRules(candidates, depths, report);

  if (problems.length > 0) return { problems: sortProblems(problems), rows: [] };
  return { problems, rows: orderParentsFirst(candidates, depths) };
}

function parseRecord(record: CsvRecord, report: Report): Candidate {
  const { line, values } = record;
  const code = values.code.trim();
  const parentCode = values.parent_code.trim();
  const name = values.name.trim();
  const rawKind = values.kind.trim();
  const rawLevel = values.level.trim();
  const regionCode = values.region_code.trim();
  const rawMemberCount = values.member_count.trim();

  const kind = parseOrgKind(rawKind);
  const level = parseAdminLevel(rawLevel);
  const memberCount = parseMemberCount(rawMemberCount);
  const check = (column: OrganizationImportColumn, reason: string | null) => {
    if (reason !== null) report(line, column, reason);
  };
  check("code", codeProblem(code));
  check("name", nameProblem(name));
  check("kind", kind === null ? `unknown kind "${rawKind}"; expected one of ${listOf(OrgKind)}` : null);
  check("level", level === null ? `unknown level "${rawLevel}"; expected one of ${listOf(AdminLevel)}` : null);
  check("region_code", regionCodeProblem(regionCode));
  check("member_count", memberCount === null ? `member count must be a whole number ≥ 0, not "${rawMemberCount}"` : null);

  return {
    line,
    code,
    parentCode: parentCode === "" ? null : parentCode,
    name,
    kind,
    level,
    regionCode,
    memberCount,
    parentIndex: NO_ROW,
    existingParent: null,
    parentKnown: false,
  };
}

function indexFirstOccurrences(
  candidates: Candidate[],
  existing: ExistingOrganizations,
  report: Report,
): Map<string, number> {
  const indexByCode = new Map<string, number>();
  candidates.forEach((candidate, index) => {
    if (candidate.code === "") return;
    const firstIndex = indexByCode.get(candidate.code);
    if (firstIndex !== undefined) {
      // Left out of the index, so children always hang under the first row with the code.
      report(candidate.line, "code", `code "${candidate.code}" is already used on line ${candidates[firstIndex].line}`);
      return;
    }
    indexByCode.set(candidate.code, index);
    if (existing.byCode.has(candidate.code)) {
      report(candidate.line, "code", `an organisation with code "${candidate.code}" already exists`);
    }
  });
  return indexByCode;
}

function resolveParents(
  candidates: Candidate[],
  indexByCode: ReadonlyMap<string, number>,
  existing: ExistingOrganizations,
  report: Report,
): void {
  for (const candidate of candidates) {
    const parentCode = candidate.parentCode;
    if (parentCode === null) {
      candidate.parentKnown = true;
      continue;
    }
    if (parentCode === candidate.code) {
      report(candidate.line, "parent_code", "an organisation cannot be its own parent");
      continue;
    }
    const parentIndex = indexByCode.get(parentCode);
    if (parentIndex !== undefined) {
      candidate.parentIndex = parentIndex;
      candidate.parentKnown = true;
      continue;
    }
    const parent = existing.byCode.get(parentCode);
    if (!parent) {
      report(candidate.line, "parent_code", `parent "${parentCode}" is neither in the file nor in the database`);
    } else if (parent.status !== OrgStatus.ACTIVE) {
      report(candidate.line, "parent_code", `parent "${parentCode}" is dissolved`);
    } else {
      candidate.existingParent = parent;
      candidate.parentKnown = true;
    }
  }
}

/**
 * Depth of every row, walking up iteratively (a bad file may hold a chain far deeper than
 * the call stack). Rows on a cycle are reported; rows hanging below a cycle or below a
 * parent that could not be found get UNKNOWN_DEPTH, which silences checks against them.
 */
function depthsAndCycles(candidates: Candidate[], report: Report): Int32Array {
  const NOT_VISITED = 0;
  const ON_WALK = 1;
  const DONE = 2;
  const state = new Uint8Array(candidates.length);
  const depths = new Int32Array(candidates.length).fill(UNKNOWN_DEPTH);
  const walk: number[] = [];

  for (let start = 0; start < candidates.length; start++) {
    if (state[start] !== NOT_VISITED) continue;
    walk.length = 0;
    let index = start;
    while (index !== NO_ROW && state[index] === NOT_VISITED) {
      state[index] = ON_WALK;
      walk.push(index);
      index = candidates[index].parentIndex;
    }

    let parentDepth: number;
    if (index === NO_ROW) {
      const top = walk.pop()!;
      depths[top] = depthOfTopRow(candidates[top]);
      state[top] = DONE;
      parentDepth = depths[top];
    } else if (state[index] === ON_WALK) {
      const cycle = walk.splice(walk.indexOf(index));
      reportCycle(candidates, cycle, report);
      for (const member of cycle) {
        candidates[member].parentKnown = false;
        state[member] = DONE;
      }
      parentDepth = UNKNOWN_DEPTH;
    } else {
      parentDepth = depths[index];
    }

    for (let i = walk.length - 1; i >= 0; i--) {
      const member = walk[i];
      depths[member] = parentDepth === UNKNOWN_DEPTH ? UNKNOWN_DEPTH : parentDepth + 1;
      state[member] = DONE;
      parentDepth = depths[member];
    }
  }
  return depths;
}

/** The depth of a row whose parent is not a row of the file. */
function depthOfTopRow(top: Candidate): number {
  if (top.parentCode === null) return 0;
  return top.existingParent ? top.existingParent.depth + 1 : UNKNOWN_DEPTH;
}

const CODES_NAMED_IN_A_CYCLE = 5;

function reportCycle(candidates: Candidate[], cycle: number[], report: Report): void {
  // Listed from a child up to its ancestors, the way parent_code reads; one shared message.
  const codes = cycle.slice(0, CODES_NAMED_IN_A_CYCLE).map((index) => `"${candidates[index].code}"`);
  const loop =
    cycle.length <= CODES_NAMED_IN_A_CYCLE
      ? [...codes, codes[0]].join(" → ")
      : `${codes.join(" → ")} → … (${cycle.length} rows)`;
  const reason = `parent codes form a cycle: ${loop}`;
  for (const index of cycle) report(candidates[index].line, "parent_code", reason);
}

/** The kind, level and depth rules, wherever the parent's facts are known. */
function checkRules(candidates: Candidate[], depths: Int32Array, report: Report): void {
  candidates.forEach((candidate, index) => {
    if (depths[index] === MAX_DEPTH + 1) {
      // Only the first row past the limit: its descendants are too deep for the same reason.
      report(candidate.line, "parent_code", `the tree may not be deeper than ${MAX_DEPTH} levels below its root`);
    }
    if (candidate.kind === null || !candidate.parentKnown) return;
    const parent = parentFacts(candidates, candidate);
    if (parent === undefined) return;
    const kindProblem = parentKindProblem(candidate.kind, parent);
    if (kindProblem !== null) {
      report(candidate.line, "parent_code", kindProblem);
      return;
    }
    if (candidate.level === null) return;
    const wrongLevel = levelProblem(candidate.kind, candidate.level, parent);
    if (wrongLevel !== null) report(candidate.line, "level", wrongLevel);
  });
}

/** Null for a root; undefined when the parent row's own kind or level is unreadable. */
function parentFacts(candidates: Candidate[], candidate: Candidate): ParentFacts | null | undefined {
  if (candidate.existingParent) return candidate.existingParent;
  if (candidate.parentIndex === NO_ROW) return null;
  const { kind, level } = candidates[candidate.parentIndex];
  return kind !== null && level !== null ? { kind, level } : undefined;
}

/**
 * Parents first (by depth), and by code within a depth: inserting codes in index order keeps
 * the code indexes' writes sequential, which made a shuffled million-row file import three
 * times faster on MariaDB, and costs little for a file that is already in order.
 */
function orderParentsFirst(candidates: Candidate[], depths: Int32Array): PlannedOrganization[] {
  const buckets: number[][] = [];
  candidates.forEach((_, index) => (buckets[depths[index]] ??= []).push(index));
  // A plain array of strings: comparing through the candidate objects is twice as slow.
  const codes = candidates.map((candidate) => candidate.code);
  const byCode = (a: number, b: number) => (codes[a] < codes[b] ? -1 : codes[a] > codes[b] ? 1 : 0);
  buckets.forEach((bucket) => bucket.sort(byCode)); // forEach skips the depths no row has
  const order = buckets.flat();
  const newIndex = new Int32Array(candidates.length);
  order.forEach((oldIndex, position) => (newIndex[oldIndex] = position));
  return order.map((oldIndex) => {
    // Only called on a file without problems, so every field parsed and every depth is known.
    const candidate = candidates[oldIndex];
    return {
      line: candidate.line,
      code: candidate.code,
      name: candidate.name,
      kind: candidate.kind!,
      level: candidate.level!,
      regionCode: candidate.regionCode,
      memberCount: candidate.memberCount!,
      parentCode: candidate.parentCode,
      parentIndex: candidate.parentIndex === NO_ROW ? null : newIndex[candidate.parentIndex],
      existingParent: candidate.existingParent,
      depth: depths[oldIndex],
    };
  });
}

const COLUMN_ORDER = new Map<string, number>(ORGANIZATION_IMPORT_COLUMNS.map((column, index) => [column, index]));

/** By line, then by column in file-format order; problems without a column come first on their line. */
export function sortProblems(problems: FieldProblem[]): FieldProblem[] {
  const columnRank = (problem: FieldProblem) => (problem.column === undefined ? -1 : (COLUMN_ORDER.get(problem.column) ?? -1));
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || columnRank(a) - columnRank(b));
}

function listOf(values: Record<string, string>): string {
  return Object.values(values).join(", ");
}

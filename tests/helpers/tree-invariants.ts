import { AdminLevel, OrgKind, OrgStatus } from "../../src/entities/enums";
import { ALLOWED_PARENT_KINDS, requiredLevel } from "../../src/services/org-kind-rules";

/** Anything that runs raw SQL: a DataSource, or the EntityManager of an open transaction. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface TreeRow {
  id: number;
  parentId: number | null;
  path: string;
  depth: number;
  kind: OrgKind;
  level: AdminLevel;
  status: OrgStatus;
  code: string;
}

export interface TreeInvariantOptions {
  /**
   * How many nodes get their subtree counted by SQL range and by walking parents
   * (one query each, so all of them is slow on a big tree). Default 25.
   */
  subtreeSample?: number;
}

// Written out here rather than imported from organization-path.ts so that a bug in the
// path helpers cannot hide itself by agreeing with its own check.
const PATH = /^(\d{10}\/)+$/;
const segmentOf = (id: number): string => String(id).padStart(10, "0") + "/";

export async function loadTreeRows(db: Queryable): Promise<TreeRow[]> {
  const raw = (await db.query(
    "SELECT id, parent_id, path, depth, kind, level, status, code FROM organization ORDER BY id",
  )) as Record<string, unknown>[];
  // mysql2 may hand back numbers as strings (bigNumberStrings); normalize once here.
  return raw.map((r) => ({
    id: Number(r.id),
    parentId: r.parent_id == null ? null : Number(r.parent_id),
    path: String(r.path),
    depth: Number(r.depth),
    kind: r.kind as OrgKind,
    level: r.level as AdminLevel,
    status: r.status as OrgStatus,
    code: String(r.code),
  }));
}

/**
 * Every way the stored tree disagrees with itself or with the domain rules; [] when it
 * is sound. Reports rather than throws, so one run shows all the damage at once.
 */
export async function checkTreeInvariants(db: Queryable, options: TreeInvariantOptions = {}): Promise<string[]> {
  const rows = await loadTreeRows(db);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const violations: string[] = [];
  const where = (row: TreeRow) => `#${row.id} (${row.code})`;

  const byPath = new Map<string, TreeRow>();
  for (const row of rows) {
    const twin = byPath.get(row.path);
    if (twin) violations.push(`${where(row)} and ${where(twin)} share path ${row.path}`);
    else byPath.set(row.path, row);
  }

  for (const row of rows) {
    if (!PATH.test(row.path)) {
      violations.push(`${where(row)} has malformed path "${row.path}"`);
      continue;
    }
    const segments = row.path.length / 11;
    if (row.depth !== segments - 1) {
      violations.push(`${where(row)} has depth ${row.depth} but its path has ${segments} segment(s)`);
    }
    if (row.status !== OrgStatus.ACTIVE && row.status !== OrgStatus.DISSOLVED) {
      violations.push(`${where(row)} has unknown status ${row.status}`);
    }

    if (row.parentId === null) {
      if (row.path !== segmentOf(row.id)) violations.push(`root ${where(row)} has path ${row.path}, expected ${segmentOf(row.id)}`);
      if (!ALLOWED_PARENT_KINDS[row.kind]?.includes(null)) violations.push(`${where(row)} is a root but a ${row.kind} may not be one`);
      continue;
    }

    const parent = byId.get(row.parentId);
    if (!parent) {
      violations.push(`${where(row)} has parent_id ${row.parentId}, which does not exist`);
      continue;
    }
    const expectedPath = parent.path + segmentOf(row.id);
    if (row.path !== expectedPath) violations.push(`${where(row)} has path ${row.path}, expected ${expectedPath} (parent ${where(parent)})`);
    if (row.depth !== parent.depth + 1) {
      violations.push(`${where(row)} has depth ${row.depth} but its parent ${where(parent)} has depth ${parent.depth}`);
    }
    const allowedParents = ALLOWED_PARENT_KINDS[row.kind];
    if (!allowedParents) violations.push(`${where(row)} has unknown kind ${row.kind}`);
    else if (!allowedParents.includes(parent.kind)) violations.push(`${where(row)}: a ${row.kind} sits under a ${parent.kind} ${where(parent)}`);
    const level = requiredLevel(row.kind, { kind: parent.kind, level: parent.level });
    if (level !== row.level) {
      violations.push(`${where(row)}: a ${row.kind} under a ${parent.level} ${parent.kind} must be ${level ?? "impossible"}, is ${row.level}`);
    }
    if (row.status === OrgStatus.ACTIVE && parent.status !== OrgStatus.ACTIVE) {
      violations.push(`${where(row)} is ACTIVE under ${parent.status} ${where(parent)}`);
    }
  }

  // Follow parent links from every node; a visited set bounds the walk, so a loop ends it.
  const reach = new Map<number, "root" | "loop" | "broken">();
  for (const row of rows) {
    const chain = new Set<number>();
    let current = row;
    let outcome: "root" | "loop" | "broken";
    for (;;) {
      const known = reach.get(current.id);
      if (known) {
        outcome = known;
        break;
      }
      if (chain.has(current.id)) {
        outcome = "loop";
        break;
      }
      chain.add(current.id);
      const parent = current.parentId === null ? undefined : byId.get(current.parentId);
      if (current.parentId === null) {
        outcome = "root";
        break;
      }
      if (!parent) {
        outcome = "broken";
        break;
      }
      current = parent;
    }
    for (const id of chain) reach.set(id, outcome);
    if (outcome === "loop") violations.push(`${where(row)} never reaches a root: its parent links loop`);
  }

  // Subtree sizes by parent links, counted in memory: each node adds one to itself and to
  // every ancestor. Nodes on a cycle are skipped (already reported).
  const subtreeSize = new Map<number, number>();
  for (const row of rows) {
    if (reach.get(row.id) !== "root") continue;
    for (let current: TreeRow | undefined = row; current; current = current.parentId === null ? undefined : byId.get(current.parentId)) {
      subtreeSize.set(current.id, (subtreeSize.get(current.id) ?? 0) + 1);
    }
  }
  const candidates = rows.filter((row) => reach.get(row.id) === "root" && PATH.test(row.path));
  const sampleSize = Math.min(candidates.length, options.subtreeSample ?? 25);
  // Evenly spaced over the id order, so roots (small ids) and recent nodes both get checked.
  for (let i = 0; i < sampleSize; i++) {
    const row = candidates[Math.floor((i * candidates.length) / sampleSize)];
    const upper = row.path.slice(0, -1) + "0";
    const [{ n }] = (await db.query("SELECT COUNT(*) AS n FROM organization WHERE path >= ? AND path < ?", [row.path, upper])) as {
      n: number | string;
    }[];
    const byLinks = subtreeSize.get(row.id) ?? 0;
    if (Number(n) !== byLinks) {
      violations.push(`subtree of ${where(row)}: ${Number(n)} row(s) in path range [${row.path}, ${upper}), ${byLinks} by parent links`);
    }
  }

  return violations;
}

import { In, type EntityManager } from "typeorm";
import { OrganizationEntity, OrgStatus } from "../entities";
import { readCsv } from "./csv/csv-reader";
import { BadUserInputError, ConflictError, ForbiddenError, type FieldProblem } from "./errors";
import { allocateIds } from "./id-allocator";
import {
  ORGANIZATION_IMPORT_COLUMNS,
  planImport,
  referencedCodes,
  sortProblems,
  type ExistingOrganization,
  type PlannedOrganization,
} from "./organization-import-plan";
import { childPath, MAX_DEPTH } from "./organization-path";
import { ORGANIZATION_SEQUENCE } from "./organization-tree.service";
import type { RequestContext } from "./request-context";
import { inTransaction } from "./transaction";
import { notifyTreeChange } from "./tree-events";
import { AuditService } from "./audit/audit.service";
import type { Actor } from "./auth/actor";
import { assertRoleAllows, canWrite } from "./auth/authorization";
import { requireActor } from "./auth/request-auth";

export interface ImportSummary {
  created: number;
  /** The created organisations whose parent is not in the file: the top of each imported tree. */
  roots: OrganizationEntity[];
}

export type ImportProgress = (done: number, total: number) => void;

// ~1000 codes per IN list and rows per INSERT keeps statements well under max_allowed_packet
// and SQLite's 32766 bound variables (11 per row) while making a million rows ~1000 statements.
const LOOKUP_CHUNK = 1000;
const INSERT_CHUNK = 1000;
const MAX_ROOTS_RETURNED = 100;

// created_at/updated_at come from column defaults and dissolved_at stays NULL: better-sqlite3
// cannot bind Date objects.
const INSERT_COLUMNS = ["id", "code", "name", "kind", "level", "region_code", "member_count", "status", "parent_id", "path", "depth"];

interface ExistingOrganizationRow {
  id: number | string;
  code: string;
  kind: ExistingOrganization["kind"];
  level: ExistingOrganization["level"];
  path: string;
  depth: number | string;
  status: OrgStatus;
}

/**
 * Imports orgs.csv all or nothing. The file is validated in memory (planImport) after
 * one bulk look-up of the codes it mentions, then written in one transaction with
 * multi-row INSERTs, so a million rows cost about two thousand statements, not millions.
 */
export class OrganizationImportService {
  async importCsv(ctx: RequestContext, text: string, onProgress?: ImportProgress): Promise<ImportSummary> {
    const actor = await requireActor(ctx);
    assertRoleAllows(actor, "organization.write");
    const table = readCsv(text, ORGANIZATION_IMPORT_COLUMNS);
    const existing = await findByCodes(ctx.em, [...referencedCodes(table.records)], "");
    const plan = planImport(table.records, { byCode: existing });
    const problems = table.problems.length > 0 ? sortProblems([...table.problems, ...plan.problems]) : plan.problems;
    if (problems.length > 0) throw problemsError(problems);
    if (plan.rows.length === 0) return { created: 0, roots: [] };
    const attachedTo = assertMayAttach(actor, plan.rows);

    return inTransaction(ctx, async (tx) => {
      const freshParents = await lockParentsOutsideFile(tx, plan.rows);
      const firstId = await allocateIds(tx, ORGANIZATION_SEQUENCE, plan.rows.length);
      const placed = placeRows(plan.rows, freshParents, firstId);
      await insertRows(tx, plan.rows, placed, onProgress);
      const rootIds = placed.ids.filter((_, index) => plan.rows[index].parentIndex === null);
      const roots: OrganizationEntity[] = [];
      for (let start = 0; start < rootIds.length; start += LOOKUP_CHUNK) {
        const chunk = rootIds.slice(start, start + LOOKUP_CHUNK);
        roots.push(...(await tx.em.find(OrganizationEntity, { where: { id: In(chunk) }, order: { id: "ASC" } })));
      }
      await notifyTreeChange(tx, { type: "created", roots });
      await new AuditService().record(tx, {
        action: "organization.import",
        targetType: "Organization",
        targetId: null,
        orgPath: attachedTo.length === 1 ? attachedTo[0] : null,
        after: { created: plan.rows.length, roots: roots.slice(0, MAX_ROOTS_RETURNED).map((root) => root.code) },
      });
      return { created: plan.rows.length, roots: roots.slice(0, MAX_ROOTS_RETURNED) };
    });
  }
}

function problemsError(problems: FieldProblem[]): BadUserInputError {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return new BadUserInputError(`${count} in the file; nothing was imported`, problems);
}

async function findByCodes(em: EntityManager, codes: string[], lockClause: string): Promise<Map<string, ExistingOrganization>> {
  const byCode = new Map<string, ExistingOrganization>();
  for (let start = 0; start < codes.length; start += LOOKUP_CHUNK) {
    const chunk = codes.slice(start, start + LOOKUP_CHUNK);
    const rows: ExistingOrganizationRow[] = await em.query(
      `SELECT id, code, kind, level, path, depth, status FROM organization WHERE code IN (${placeholders(chunk.length)})${lockClause}`,
      chunk,
    );
    for (const row of rows) {
      byCode.set(row.code, {
        id: Number(row.id),
        kind: row.kind,
        level: row.level,
        path: row.path,
        depth: Number(row.depth),
        status: row.status,
      });
    }
  }
  return byCode;
}

/**
 * Reads the parents outside the file again under a lock: between validation and the
 * transaction one may have been dissolved, or moved (a new path and depth).
 */
/**
 * Every imported tree hangs under an existing organisation in the actor's scope, or is a new
 * root (an unscoped administrator only). Returns the distinct paths the file attaches to
 * (null for a root), which is where its audit entry belongs.
 */
function assertMayAttach(actor: Actor, rows: PlannedOrganization[]): (string | null)[] {
  const attachedTo = new Set<string | null>();
  const refused: string[] = [];
  for (const row of rows) {
    if (row.parentIndex !== null) continue;
    const parentPath = row.existingParent?.path ?? null;
    attachedTo.add(parentPath);
    if (!canWrite(actor, "organization.write", parentPath)) {
      refused.push(`line ${row.line}: ${row.parentCode === null ? "a new root" : `parent "${row.parentCode}" is outside your scope`}`);
    }
  }
  if (refused.length > 0) throw new ForbiddenError(`This file reaches outside your scope; nothing was imported. ${refused.slice(0, 20).join("; ")}`);
  return [...attachedTo];
}

async function lockParentsOutsideFile(tx: RequestContext, rows: PlannedOrganization[]): Promise<Map<string, ExistingOrganization>> {
  const codes = new Set<string>();
  for (const row of rows) if (row.existingParent) codes.add(row.parentCode!);
  const lockClause = tx.dialect === "mysql" ? " FOR UPDATE" : "";
  const fresh = await findByCodes(tx.em, [...codes], lockClause);
  for (const code of codes) {
    const parent = fresh.get(code);
    if (!parent || parent.status !== OrgStatus.ACTIVE) {
      throw new ConflictError(`parent "${code}" was dissolved while the file was being checked; nothing was imported`);
    }
  }
  return fresh;
}

interface PlacedRows {
  ids: number[];
  paths: string[];
  depths: number[];
}

/** Ids, paths and depths in insertion order; the plan puts every parent before its children. */
function placeRows(rows: PlannedOrganization[], freshParents: Map<string, ExistingOrganization>, firstId: number): PlacedRows {
  const placed: PlacedRows = { ids: [], paths: [], depths: [] };
  rows.forEach((row, index) => {
    const id = firstId + index;
    let parentPath: string | null = null;
    let depth = 0;
    if (row.parentIndex !== null) {
      parentPath = placed.paths[row.parentIndex];
      depth = placed.depths[row.parentIndex] + 1;
    } else if (row.parentCode !== null) {
      const parent = freshParents.get(row.parentCode)!;
      parentPath = parent.path;
      depth = parent.depth + 1;
    }
    if (depth > MAX_DEPTH) {
      throw new ConflictError(
        `parent "${row.parentCode}" was moved while the file was being checked; line ${row.line} would now be deeper than ${MAX_DEPTH} levels`,
      );
    }
    placed.ids.push(id);
    placed.paths.push(childPath(parentPath, id));
    placed.depths.push(depth);
  });
  return placed;
}

async function insertRows(tx: RequestContext, rows: PlannedOrganization[], placed: PlacedRows, onProgress?: ImportProgress): Promise<void> {
  const escape = (name: string) => tx.dataSource.driver.escape(name);
  const columnList = INSERT_COLUMNS.map(escape).join(", ");
  const rowPlaceholders = `(${placeholders(INSERT_COLUMNS.length)})`;
  const fullChunkSql = insertSql(columnList, rowPlaceholders, INSERT_CHUNK);
  onProgress?.(0, rows.length);
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const end = Math.min(start + INSERT_CHUNK, rows.length);
    const parameters: unknown[] = [];
    for (let index = start; index < end; index++) {
      const row = rows[index];
      const parentId = row.parentIndex !== null ? placed.ids[row.parentIndex] : (row.existingParent?.id ?? null);
      parameters.push(
        placed.ids[index],
        row.code,
        row.name,
        row.kind,
        row.level,
        row.regionCode,
        row.memberCount,
        OrgStatus.ACTIVE,
        parentId,
        placed.paths[index],
        placed.depths[index],
      );
    }
    const sql = end - start === INSERT_CHUNK ? fullChunkSql : insertSql(columnList, rowPlaceholders, end - start);
    try {
      await tx.em.query(sql, parameters);
    } catch (error) {
      throw isDuplicateKey(error)
        ? new ConflictError("an organisation with a code from the file was created while importing; nothing was imported")
        : error;
    }
    onProgress?.(end, rows.length);
  }
}

function insertSql(columnList: string, rowPlaceholders: string, rowCount: number): string {
  return `INSERT INTO organization (${columnList}) VALUES ${new Array<string>(rowCount).fill(rowPlaceholders).join(", ")}`;
}

function placeholders(count: number): string {
  return new Array<string>(count).fill("?").join(", ");
}

function isDuplicateKey(error: unknown): boolean {
  const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
  const driverCode = driverError?.code ?? code;
  return driverCode === "ER_DUP_ENTRY" || driverCode === "SQLITE_CONSTRAINT_UNIQUE" || driverCode === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

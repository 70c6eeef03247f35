import { OrganizationEntity, OrgStatus, type AdminLevel, type OrgKind } from "../entities";
import { BadUserInputError, ConflictError, NotFoundError } from "./errors";
import { allocateIds } from "./id-allocator";
import { levelProblem, parentKindProblem, requiredLevel } from "./org-kind-rules";
import { organizationFieldProblems } from "./organization-fields";
import { childPath, MAX_DEPTH, subtreeRange } from "./organization-path";
import type { RequestContext } from "./request-context";
import { notifyTreeChange } from "./tree-events";
import { AuditService } from "./audit/audit.service";
import type { Actor } from "./auth/actor";
import { assertCanWrite, assertRoleAllows } from "./auth/authorization";
import { accessTo } from "./auth/organization-access";
import { requireActor } from "./auth/request-auth";
import { inTransaction } from "./transaction";

export interface CreateOrganizationInput {
  code: string;
  name: string;
  kind: OrgKind;
  /** Derived from the parent when omitted; required for a root. */
  level?: AdminLevel | null;
  regionCode: string;
  memberCount?: number | null;
  parentId?: number | null;
}

export interface UpdateOrganizationInput {
  name?: string | null;
  regionCode?: string | null;
  memberCount?: number | null;
}

export const ORGANIZATION_SEQUENCE = "organization";

/**
 * Writes to the organisation tree. Each method is one transaction that locks the rows it
 * rewrites (a no-op on SQLite, whose writers are serialized), so a concurrent move can
 * never leave a path that disagrees with its parents.
 */
export class OrganizationTreeService {
  constructor(private readonly audit = new AuditService()) {}

  async create(ctx: RequestContext, input: CreateOrganizationInput): Promise<OrganizationEntity> {
    const code = input.code.trim();
    const name = input.name.trim();
    const regionCode = input.regionCode.trim();
    const memberCount = input.memberCount ?? 0;
    const problems = organizationFieldProblems({ code, name, regionCode, memberCount });
    if (problems.length > 0) throw new BadUserInputError(problems.map((p) => p.reason).join("; "), problems);

    const actor = await requireActor(ctx);
    assertRoleAllows(actor, "organization.write");
    return inTransaction(ctx, async (tx) => {
      const parent = input.parentId == null ? null : await this.lockWritable(tx, actor, input.parentId, "parent");
      // A new root lies outside every scope: only an unscoped administrator may add one.
      if (!parent) assertCanWrite(actor, "organization.write", null);
      if (parent && parent.status !== OrgStatus.ACTIVE) throw new ConflictError(`parent ${parent.code} is dissolved`);
      const kindProblem = parentKindProblem(input.kind, parent);
      if (kindProblem) throw new BadUserInputError(kindProblem, [{ column: "parentId", reason: kindProblem }]);
      const level = input.level ?? requiredLevel(input.kind, parent);
      if (!level) {
        const reason = parent ? levelProblem(input.kind, parent.level, parent)! : "a root needs a level";
        throw new BadUserInputError(reason, [{ column: "level", reason }]);
      }
      const wrongLevel = levelProblem(input.kind, level, parent);
      if (wrongLevel) throw new BadUserInputError(wrongLevel, [{ column: "level", reason: wrongLevel }]);
      if (parent && parent.depth + 1 > MAX_DEPTH) throw new BadUserInputError(`the tree may not be deeper than ${MAX_DEPTH}`);
      if (await tx.em.exists(OrganizationEntity, { where: { code } })) {
        throw new ConflictError(`an organisation with code "${code}" already exists`);
      }

      const id = await allocateIds(tx, ORGANIZATION_SEQUENCE, 1);
      const organization = tx.em.create(OrganizationEntity, {
        id,
        code,
        name,
        kind: input.kind,
        level,
        regionCode,
        memberCount,
        status: OrgStatus.ACTIVE,
        parentId: parent?.id ?? null,
        path: childPath(parent?.path ?? null, id),
        depth: parent ? parent.depth + 1 : 0,
        dissolvedAt: null,
      });
      try {
        await tx.em.insert(OrganizationEntity, organization);
      } catch (error) {
        // The check above is a plain read: a concurrent create of the same code can pass it
        // too, and then the unique index decides. The loser is a conflict, not a failure.
        if (isDuplicateCode(error)) throw new ConflictError(`an organisation with code "${code}" already exists`);
        throw error;
      }
      const created = await tx.em.findOneByOrFail(OrganizationEntity, { id });
      await notifyTreeChange(tx, { type: "created", roots: [created] });
      await this.audit.record(tx, { action: "organization.create", targetType: "Organization", targetId: id, orgPath: created.path, after: snapshot(created) });
      return created;
    });
  }

  async update(ctx: RequestContext, id: number, input: UpdateOrganizationInput): Promise<OrganizationEntity> {
    const changes = {
      ...(input.name != null && { name: input.name.trim() }),
      ...(input.regionCode != null && { regionCode: input.regionCode.trim() }),
      ...(input.memberCount != null && { memberCount: input.memberCount }),
    };
    const problems = organizationFieldProblems(changes);
    if (problems.length > 0) throw new BadUserInputError(problems.map((p) => p.reason).join("; "), problems);

    const actor = await requireActor(ctx);
    assertRoleAllows(actor, "organization.write");
    return inTransaction(ctx, async (tx) => {
      const organization = await this.lockWritable(tx, actor, id);
      if (Object.keys(changes).length > 0) await tx.em.update(OrganizationEntity, { id }, changes);
      const updated = await tx.em.findOneByOrFail(OrganizationEntity, { id: organization.id });
      await this.audit.record(tx, {
        action: "organization.update",
        targetType: "Organization",
        targetId: id,
        orgPath: updated.path,
        before: snapshot(organization),
        after: snapshot(updated),
      });
      return updated;
    });
  }

  /**
   * Moves a whole subtree under a new parent: one UPDATE rewrites every path of the
   * subtree (an index range), so the tree is never half-moved. Levels are not rewritten:
   * the new parent must give the moved node the level it already has.
   */
  async move(ctx: RequestContext, id: number, newParentId: number): Promise<OrganizationEntity> {
    const actor = await requireActor(ctx);
    assertRoleAllows(actor, "organization.write");
    return inTransaction(ctx, async (tx) => {
      // Lock in a fixed order (smaller path first = nearer the root) so two moves cannot deadlock on each other.
      const [node, newParent] = await this.lockPair(tx, id, newParentId);
      for (const end of [node, newParent]) {
        if ((await accessTo(tx, end)) === "NONE") throw new NotFoundError(`organisation ${end.id} does not exist`);
        assertCanWrite(actor, "organization.write", end.path);
      }
      if (newParent.status !== OrgStatus.ACTIVE) {
        throw new ConflictError(`cannot move under ${newParent.code}: it is dissolved`);
      }
      if (node.status !== OrgStatus.ACTIVE) {
        throw new ConflictError(`cannot move ${node.code}: it is dissolved, and dissolution keeps its history where it was`);
      }
      if (newParent.path.startsWith(node.path)) {
        const reason = newParent.id === node.id ? "an organisation cannot be its own parent" : `cannot move ${node.code} under its own descendant ${newParent.code}`;
        throw new BadUserInputError(reason, [{ column: "newParentId", reason }]);
      }
      if (node.parentId === newParent.id) return node;
      const kindProblem = parentKindProblem(node.kind, newParent);
      if (kindProblem) throw new BadUserInputError(kindProblem, [{ column: "newParentId", reason: kindProblem }]);
      const wrongLevel = levelProblem(node.kind, node.level, newParent);
      if (wrongLevel) throw new BadUserInputError(`a move keeps levels: ${wrongLevel}`, [{ column: "newParentId", reason: wrongLevel }]);

      const { lower, upper } = subtreeRange(node.path);
      const lock = tx.dialect === "mysql" ? " FOR UPDATE" : "";
      const [{ deepest }] = await tx.em.query(
        `SELECT MAX(depth) AS deepest FROM organization WHERE path >= ? AND path < ?${lock}`,
        [lower, upper],
      );
      const newPath = childPath(newParent.path, node.id);
      const depthDelta = newParent.depth + 1 - node.depth;
      if (Number(deepest) + depthDelta > MAX_DEPTH) {
        throw new BadUserInputError(`the move would make the tree deeper than ${MAX_DEPTH}`);
      }
      await tx.em.query(
        `UPDATE organization SET path = CONCAT(?, SUBSTR(path, ?)), depth = depth + ? WHERE path >= ? AND path < ?`,
        [newPath, node.path.length + 1, depthDelta, lower, upper],
      );
      await tx.em.update(OrganizationEntity, { id: node.id }, { parentId: newParent.id });
      const moved = await tx.em.findOneByOrFail(OrganizationEntity, { id: node.id });
      await notifyTreeChange(tx, { type: "moved", organization: moved, oldPath: node.path, oldParentId: node.parentId });
      await this.audit.record(tx, {
        action: "organization.move",
        targetType: "Organization",
        targetId: node.id,
        orgPath: moved.path,
        before: { parentId: node.parentId, path: node.path, depth: node.depth },
        after: { parentId: moved.parentId, path: moved.path, depth: moved.depth },
      });
      return moved;
    });
  }

  /**
   * Dissolution keeps the row and its history. An organisation with active children is
   * dissolved only with `cascade`, which dissolves its whole subtree.
   */
  async dissolve(ctx: RequestContext, id: number, cascade: boolean): Promise<OrganizationEntity> {
    const actor = await requireActor(ctx);
    assertRoleAllows(actor, "organization.write");
    return inTransaction(ctx, async (tx) => {
      const node = await this.lockWritable(tx, actor, id);
      if (node.status === OrgStatus.DISSOLVED) throw new ConflictError(`${node.code} is already dissolved`);
      const { lower, upper } = subtreeRange(node.path);
      const activeChildren = await tx.em.count(OrganizationEntity, { where: { parentId: node.id, status: OrgStatus.ACTIVE } });
      if (activeChildren > 0 && !cascade) {
        throw new ConflictError(
          `${node.code} has ${activeChildren} active child organisation(s): move or dissolve them first, or pass cascade: true`,
        );
      }
      const dissolving: { id: number | string }[] = await tx.em.query(
        `SELECT id FROM organization WHERE path >= ? AND path < ? AND status = ? ORDER BY path`,
        [lower, upper, OrgStatus.ACTIVE],
      );
      await tx.em
        .createQueryBuilder()
        .update(OrganizationEntity)
        .set({ status: OrgStatus.DISSOLVED, dissolvedAt: new Date() })
        .where("path >= :lower AND path < :upper AND status = :active", { lower, upper, active: OrgStatus.ACTIVE })
        .execute();
      const dissolved = await tx.em.findOneByOrFail(OrganizationEntity, { id: node.id });
      const dissolvedIds = dissolving.map((row) => Number(row.id));
      await notifyTreeChange(tx, { type: "dissolved", organization: dissolved, dissolvedIds });
      await this.audit.record(tx, {
        action: "organization.dissolve",
        targetType: "Organization",
        targetId: node.id,
        orgPath: node.path,
        before: snapshot(node),
        after: { status: dissolved.status, dissolvedAt: dissolved.dissolvedAt, cascade, dissolvedCount: dissolvedIds.length },
      });
      return dissolved;
    });
  }

  private async lock(tx: RequestContext, id: number, role = "organisation"): Promise<OrganizationEntity> {
    const query = tx.em.createQueryBuilder(OrganizationEntity, "o").where("o.id = :id", { id });
    if (tx.dialect === "mysql") query.setLock("pessimistic_write");
    const found = await query.getOne();
    if (!found) throw new NotFoundError(`${role} ${id} does not exist`);
    return found;
  }

  /** Locks an organisation the actor may change; one it may not even see is "not found". */
  private async lockWritable(tx: RequestContext, actor: Actor, id: number, role = "organisation"): Promise<OrganizationEntity> {
    const organization = await this.lock(tx, id, role);
    if ((await accessTo(tx, organization)) === "NONE") throw new NotFoundError(`${role} ${id} does not exist`);
    assertCanWrite(actor, "organization.write", organization.path);
    return organization;
  }

  private async lockPair(tx: RequestContext, id: number, otherId: number): Promise<[OrganizationEntity, OrganizationEntity]> {
    const query = tx.em
      .createQueryBuilder(OrganizationEntity, "o")
      .where("o.id IN (:...ids)", { ids: [id, otherId] })
      .orderBy("o.path", "ASC");
    if (tx.dialect === "mysql") query.setLock("pessimistic_write");
    const rows = await query.getMany();
    const node = rows.find((row) => row.id === id);
    const other = rows.find((row) => row.id === otherId);
    if (!node) throw new NotFoundError(`organisation ${id} does not exist`);
    if (!other) throw new NotFoundError(`new parent ${otherId} does not exist`);
    return [node, other];
  }
}

function isDuplicateCode(error: unknown): boolean {
  const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
  const driverCode = driverError?.code ?? code;
  return driverCode === "ER_DUP_ENTRY" || driverCode === "SQLITE_CONSTRAINT_UNIQUE";
}

/** What an audit entry keeps of an organisation: its own fields, not the derived path bookkeeping. */
function snapshot(organization: OrganizationEntity): Record<string, unknown> {
  const { id, code, name, kind, level, regionCode, memberCount, status, parentId } = organization;
  return { id, code, name, kind, level, regionCode, memberCount, status, parentId };
}

import { OrganizationEntity, OrgStatus, Role, UserEntity } from "../../entities";
import { AuditService } from "../audit/audit.service";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors";
import { OrganizationQueryService } from "../organization-query.service";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "../pagination";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import type { Actor } from "./actor";
import { assertCanWrite, assertRoleAllows, scopeCovers, scopeRange } from "./authorization";
import { normalizeUsername, passwordProblem, usernameProblem } from "./credential-rules";
import { hashPassword } from "./password";
import { requireActor } from "./request-auth";
import { isUniqueViolation } from "./unique-violation";
import { userSnapshot } from "./user-snapshot";

export interface CreateUserInput {
  username: string;
  /** Initial password, chosen by the administrator and handed over out of band. */
  password: string;
  role: Role;
  /** Root of the new user's subtree; null (the whole forest) only for an administrator. */
  scopeOrganizationId: number | null;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: Role;
  scopeOrganizationId: number | null;
}

const BY_USERNAME = "user";

/**
 * An administrator's work on accounts. A scoped administrator manages only the users whose
 * scope lies in its own subtree, and may only place users there; a user outside it is
 * reported as not found, so its existence does not leak. Users are disabled, never deleted.
 */
export class UserAdminService {
  constructor(
    private readonly audit = new AuditService(),
    private readonly organizations = new OrganizationQueryService(),
  ) {}

  async create(ctx: RequestContext, input: CreateUserInput): Promise<UserEntity> {
    const actor = await requireActor(ctx);
    assertRoleAllows(actor, "user.admin");
    const username = normalizeUsername(input.username);
    const problems = [usernameProblem(username), passwordProblem(input.password, username)].filter((p) => p !== null);
    if (problems.length > 0) throw new BadUserInputError(problems.map((p) => `${p.column}: ${p.reason}`).join("; "), problems);
    const scope = await this.scopeFor(ctx, actor, input.role, input.scopeOrganizationId);
    // Hashed before the transaction opens: ~100 ms of scrypt must not hold SQLite's single writer.
    const passwordHash = await hashPassword(input.password);

    return inTransaction(ctx, async (tx) => {
      if (await tx.em.existsBy(UserEntity, { username })) throw new ConflictError(`a user named "${username}" already exists`);
      return this.insert(tx, { username, passwordHash, role: input.role, scopeOrganizationId: scope?.id ?? null }, scope?.path ?? null);
    });
  }

  /**
   * Inserts a user and its audit entry inside the caller's transaction; validation and
   * permission are the caller's. Also used for the first administrator at start-up.
   */
  async insert(tx: RequestContext, user: NewUser, scopePath: string | null, actor?: Actor): Promise<UserEntity> {
    let id: number;
    try {
      const result = await tx.em.insert(UserEntity, { ...user, active: true, tokenVersion: 0 });
      id = Number(result.identifiers[0].id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`a user named "${user.username}" already exists`);
      throw error;
    }
    const created = await tx.em.findOneByOrFail(UserEntity, { id });
    await this.audit.record(tx, {
      action: "user.create",
      targetType: "User",
      targetId: id,
      orgPath: scopePath,
      after: userSnapshot(created),
      actor,
    });
    return created;
  }

  /** Disabling also revokes every token the user holds: enabling again does not revive them. */
  async disable(ctx: RequestContext, id: number): Promise<UserEntity> {
    return this.change(ctx, id, "user.disable", async (tx, user) => {
      if (!user.active) throw new ConflictError(`${user.username} is already disabled`);
      await tx.em.update(UserEntity, { id }, { active: false, tokenVersion: user.tokenVersion + 1 });
    });
  }

  async enable(ctx: RequestContext, id: number): Promise<UserEntity> {
    return this.change(ctx, id, "user.enable", async (tx, user) => {
      if (user.active) throw new ConflictError(`${user.username} is already enabled`);
      await tx.em.update(UserEntity, { id }, { active: true });
    });
  }

  /** Takes effect on the user's next request: the actor and its scope are loaded per request. */
  async rescope(ctx: RequestContext, id: number, scopeOrganizationId: number | null): Promise<UserEntity> {
    return this.change(ctx, id, "user.rescope", async (tx, user, actor) => {
      const scope = await this.scopeFor(tx, actor, user.role, scopeOrganizationId);
      if ((scope?.id ?? null) === user.scopeOrganizationId) return;
      await tx.em.update(UserEntity, { id }, { scopeOrganizationId: scope?.id ?? null });
    });
  }

  /** Users the actor manages, by username. */
  async list(ctx: RequestContext, request: PageRequest): Promise<Page<UserEntity>> {
    const size = pageSize(request.first);
    const afterUsername = decodeCursor(BY_USERNAME, request.after);
    const query = await this.managed(ctx);
    if (afterUsername !== null) query.andWhere("u.username > :afterUsername", { afterUsername });
    const rows = await query.orderBy("u.username", "ASC").limit(size + 1).getMany();
    return toPage(rows, size, afterUsername, (row) => encodeCursor(BY_USERNAME, row.username));
  }

  async count(ctx: RequestContext): Promise<number> {
    return (await this.managed(ctx)).getCount();
  }

  private async managed(ctx: RequestContext) {
    const actor = await requireActor(ctx);
    assertRoleAllows(actor, "user.admin");
    const query = ctx.em.createQueryBuilder(UserEntity, "u");
    const range = scopeRange(actor);
    if (range) query.innerJoin("u.scopeOrganization", "o").where("o.path >= :lower AND o.path < :upper", range);
    return query;
  }

  /**
   * One change to one user, in one transaction: lock the row, check the actor manages the
   * user, apply, audit with before and after.
   */
  private async change(
    ctx: RequestContext,
    id: number,
    action: "user.disable" | "user.enable" | "user.rescope",
    apply: (tx: RequestContext, user: UserEntity, actor: Actor) => Promise<void>,
  ): Promise<UserEntity> {
    const actor = await requireActor(ctx);
    assertRoleAllows(actor, "user.admin");
    if (actor.userId === id) {
      throw new BadUserInputError("you cannot change your own account this way; ask another administrator", [
        { column: "id", reason: "your own account" },
      ]);
    }
    return inTransaction(ctx, async (tx) => {
      const query = tx.em.createQueryBuilder(UserEntity, "u").where("u.id = :id", { id });
      if (tx.dialect === "mysql") query.setLock("pessimistic_write");
      const user = await query.getOne();
      const scopePath = user ? await this.scopePathOf(tx, user) : null;
      if (!user || !scopeCovers(actor, scopePath)) throw new NotFoundError(`user ${id} does not exist`);

      await apply(tx, user, actor);
      const after = await tx.em.findOneByOrFail(UserEntity, { id });
      await this.audit.record(tx, {
        action,
        targetType: "User",
        targetId: id,
        orgPath: await this.scopePathOf(tx, after),
        before: userSnapshot(user),
        after: userSnapshot(after),
      });
      return after;
    });
  }

  /**
   * The organisation a user of `role` is to be scoped to, checked: it exists, is active and
   * lies in the actor's subtree; only administrators may have no scope, and only an unscoped
   * administrator may grant that.
   */
  private async scopeFor(ctx: RequestContext, actor: Actor, role: Role, scopeOrganizationId: number | null): Promise<OrganizationEntity | null> {
    if (scopeOrganizationId === null) {
      if (role !== Role.ADMIN) {
        throw new BadUserInputError(`a ${role} needs a scope organisation`, [{ column: "scopeId", reason: "required for this role" }]);
      }
      assertCanWrite(actor, "user.admin", null);
      return null;
    }
    const scope = await this.organizations.requireById(ctx, scopeOrganizationId, "scopeId");
    assertCanWrite(actor, "user.admin", scope.path);
    if (scope.status !== OrgStatus.ACTIVE) throw new ConflictError(`scope ${scope.code} is dissolved`);
    return scope;
  }

  private async scopePathOf(ctx: RequestContext, user: UserEntity): Promise<string | null> {
    if (user.scopeOrganizationId === null) return null;
    const scope = await ctx.loaders.organizationById.load(user.scopeOrganizationId);
    // The foreign key makes a missing scope impossible; were it missing, null leaves the user to unscoped administrators only.
    return scope?.path ?? null;
  }
}

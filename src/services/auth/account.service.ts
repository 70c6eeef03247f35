import { randomBytes } from "node:crypto";
import type { EntityManager } from "typeorm";
import { Role, UserEntity } from "../../entities";
import { log } from "../../logger";
import { AuditService } from "../audit/audit.service";
import { BadUserInputError, ConflictError, ForbiddenError, UnauthenticatedError } from "../errors";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { SYSTEM_ACTOR, type Actor } from "./actor";
import { LoginThrottledError } from "./auth-errors";
import { MAX_PASSWORD_LENGTH, normalizeUsername, passwordProblem } from "./credential-rules";
import { hashPassword, verifyPassword } from "./password";
import { authOf, currentActor, requireActor } from "./request-auth";
import type { TokenClaims } from "./token";
import { isUniqueViolation } from "./unique-violation";
import { UserAdminService } from "./user-admin.service";

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

export const FIRST_ADMINISTRATOR = "admin";
const WRONG_CREDENTIALS = "Wrong username or password.";

/**
 * A user's own account: logging in, who am I, changing the password; and turning a token
 * back into an actor on each request.
 */
export class AccountService {
  constructor(
    private readonly audit = new AuditService(),
    private readonly users = new UserAdminService(),
  ) {}

  /**
   * Checks the password and returns a signed token. Unknown users cost the same scrypt work
   * as known ones, and both get the same message, so timing and wording do not reveal which
   * usernames exist. Attempts are throttled per username and per address (login-throttle.ts).
   */
  async login(ctx: RequestContext, rawUsername: string, password: string): Promise<LoginResult> {
    const auth = authOf(ctx);
    const username = normalizeUsername(rawUsername);
    if (username.length > 64 || password.length > MAX_PASSWORD_LENGTH) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    const attempt = { username, address: auth.address };
    const waitMs = auth.throttle.begin(attempt);
    if (waitMs > 0) {
      log("warn", "login throttled", { username, address: auth.address });
      throw new LoginThrottledError(Math.ceil(waitMs / 1000));
    }

    const user = await this.findWithScope(ctx.em, { username });
    const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !matches) {
      log("warn", "login failed", { username, address: auth.address });
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    if (!user.active) throw new UnauthenticatedError("This account is disabled.");
    auth.throttle.succeeded(attempt);

    const actor = toActor(user);
    await inTransaction(ctx, (tx) =>
      this.audit.record(tx, { action: "auth.login", targetType: "User", targetId: user.id, orgPath: actor.scopePath, actor }),
    );
    return { ...(await auth.tokens.sign(user)), user };
  }

  /** The caller's own account; null when no token was sent (and for the system). */
  async me(ctx: RequestContext): Promise<UserEntity | null> {
    const actor = await currentActor(ctx);
    if (!actor || actor.userId === null) return null;
    return ctx.em.findOneBy(UserEntity, { id: actor.userId });
  }

  /**
   * Replaces the caller's password and revokes every token issued before (the token version
   * goes up); returns a fresh token so this session continues. Wrong current passwords are
   * throttled like failed logins, so a stolen token cannot be used to guess the password.
   */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<LoginResult> {
    const actor = await requireActor(ctx);
    if (actor.userId === null) throw new ForbiddenError("The system account has no password.");
    const problem = passwordProblem(newPassword, actor.username, "newPassword");
    if (problem) throw new BadUserInputError(`newPassword: ${problem.reason}`, [problem]);
    if (newPassword === currentPassword) {
      throw new BadUserInputError("the new password must differ from the current one", [{ column: "newPassword", reason: "unchanged" }]);
    }

    const auth = authOf(ctx);
    const attempt = { username: actor.username, address: auth.address };
    const waitMs = auth.throttle.begin(attempt);
    if (waitMs > 0) throw new LoginThrottledError(Math.ceil(waitMs / 1000));
    const user = await ctx.em.findOneByOrFail(UserEntity, { id: actor.userId });
    if (currentPassword.length > MAX_PASSWORD_LENGTH || !(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new BadUserInputError("the current password is wrong", [{ column: "currentPassword", reason: "wrong password" }]);
    }
    auth.throttle.succeeded(attempt);
    const passwordHash = await hashPassword(newPassword);

    const updated = await inTransaction(ctx, async (tx) => {
      const query = tx.em.createQueryBuilder(UserEntity, "u").where("u.id = :id", { id: user.id });
      if (tx.dialect === "mysql") query.setLock("pessimistic_write");
      const locked = await query.getOneOrFail();
      // The check above ran outside the transaction; a change that slipped in between wins.
      if (locked.passwordHash !== user.passwordHash) throw new ConflictError("the password was changed meanwhile; log in again");
      await tx.em.update(UserEntity, { id: user.id }, { passwordHash, tokenVersion: locked.tokenVersion + 1 });
      await this.audit.record(tx, {
        action: "user.password.change",
        targetType: "User",
        targetId: user.id,
        orgPath: actor.scopePath,
        before: { tokenVersion: locked.tokenVersion },
        after: { tokenVersion: locked.tokenVersion + 1 },
      });
      return tx.em.findOneByOrFail(UserEntity, { id: user.id });
    });
    return { ...(await auth.tokens.sign(updated)), user: updated };
  }

  /**
   * The actor behind a verified token: its user must still exist, be active and have the
   * token version the token was issued under (a password change or a disabling raises it).
   * One query, the user joined to its scope organisation for the path.
   */
  async actorForToken(em: EntityManager, claims: TokenClaims): Promise<Actor> {
    const user = await this.findWithScope(em, { id: claims.userId });
    if (!user || !user.active || user.tokenVersion !== claims.tokenVersion) {
      throw new UnauthenticatedError("This token is no longer valid; log in again.");
    }
    return toActor(user);
  }

  /**
   * On an empty user table, creates the administrator `admin` of the whole forest. Its
   * password is `passwordFromEnv` (ZEREN_ADMIN_PASSWORD) when given; otherwise one is
   * generated and returned so the caller can print it once. Returns null when users already
   * exist (or another instance created the first one at the same moment).
   */
  async ensureFirstAdministrator(ctx: RequestContext, passwordFromEnv?: string): Promise<string | null> {
    if (await ctx.em.exists(UserEntity)) return null;
    const generated = passwordFromEnv ? null : randomBytes(18).toString("base64url");
    const password = passwordFromEnv ?? generated!;
    const problem = passwordProblem(password, FIRST_ADMINISTRATOR);
    if (problem) throw new Error(`ZEREN_ADMIN_PASSWORD: ${problem.reason}`);
    const passwordHash = await hashPassword(password);
    try {
      const created = await inTransaction(ctx, async (tx) => {
        if (await tx.em.exists(UserEntity)) return false;
        const user = { username: FIRST_ADMINISTRATOR, passwordHash, role: Role.ADMIN, scopeOrganizationId: null };
        await this.users.insert(tx, user, null, SYSTEM_ACTOR);
        return true;
      });
      return created ? generated : null;
    } catch (error) {
      if (error instanceof ConflictError || isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /**
   * One statement: findOne with relations adds a DISTINCT pre-query for its LIMIT, and this
   * runs on every authenticated request.
   */
  private findWithScope(em: EntityManager, where: { id: number } | { username: string }): Promise<UserEntity | null> {
    const query = em.createQueryBuilder(UserEntity, "u").leftJoinAndSelect("u.scopeOrganization", "scope");
    return ("id" in where ? query.where("u.id = :id", { id: where.id }) : query.where("u.username = :username", { username: where.username })).getOne();
  }
}

function toActor(user: UserEntity): Actor {
  const scopePath = user.scopeOrganizationId === null ? null : user.scopeOrganization?.path;
  // A scope id whose organisation did not load must not read as "no scope" (the whole forest).
  if (scopePath === undefined) throw new UnauthenticatedError("This account's scope is missing; ask an administrator.");
  return { userId: user.id, username: user.username, role: user.role, scopeOrganizationId: user.scopeOrganizationId, scopePath };
}

let dummy: Promise<string> | undefined;

/** A hash no password matches, checked for unknown usernames so they take as long as known ones. */
function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(16).toString("hex")));
}

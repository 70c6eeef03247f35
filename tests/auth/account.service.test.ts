import { AuditEntryEntity, Role, UserEntity } from "../../src/entities";
import { setLogLevel } from "../../src/logger";
import { AuditService } from "../../src/services/audit/audit.service";
import { AccountService } from "../../src/services/auth/account.service";
import { SYSTEM_ACTOR } from "../../src/services/auth/actor";
import { LoginThrottledError } from "../../src/services/auth/auth-errors";
import type { Authenticator } from "../../src/services/auth/authenticator";
import { LoginThrottle, USERNAME_POLICY } from "../../src/services/auth/login-throttle";
import { UserAdminService } from "../../src/services/auth/user-admin.service";
import { inTransaction } from "../../src/services/transaction";
import { buildDepartment, buildOrganization } from "../helpers/factories";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db";
import { OrgKind } from "../../src/entities";
import { actingAs, requestContext, testAuthenticator, type AuthedContext } from "./auth-test-context";

const accounts = new AccountService();
const users = new UserAdminService();
const audit = new AuditService();
const ADMIN_PASSWORD = "first-admin-password";

let db: TestDatabase;
let authenticator: Authenticator;
let department: Awaited<ReturnType<typeof buildDepartment>>;
let otherProvince: Awaited<ReturnType<typeof buildOrganization>>;
let adminToken: string;

const ctx = (token?: string | null, address?: string) => requestContext(db.dataSource, authenticator, token, address);
const asAdmin = () => ctx(adminToken);
const errorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: { extensions?: { code?: string } }) => error.extensions?.code ?? String(error),
  );
const auditCount = () => db.dataSource.manager.count(AuditEntryEntity);

async function createUser(context: AuthedContext, username: string, role: Role, scope: { id: number } | null, password = `${username}-password`) {
  return users.create(context, { username, password, role, scopeOrganizationId: scope?.id ?? null });
}

async function login(username: string, password = `${username}-password`) {
  return (await accounts.login(ctx(), username, password)).token;
}

beforeAll(async () => {
  setLogLevel("error");
  db = await createTestDatabase();
  authenticator = testAuthenticator();
  const system = actingAs(db.dataSource, authenticator, SYSTEM_ACTOR);
  department = await buildDepartment(system, 2);
  otherProvince = await buildOrganization(system, { kind: OrgKind.LOCAL_COMMITTEE });
});

afterAll(() => db.drop());

describe("first administrator", () => {
  test("an empty database gets `admin` with the password from the environment, once", async () => {
    const system = actingAs(db.dataSource, authenticator, SYSTEM_ACTOR);
    expect(await accounts.ensureFirstAdministrator(system, ADMIN_PASSWORD)).toBeNull();
    const admin = await db.dataSource.manager.findOneByOrFail(UserEntity, { username: "admin" });
    expect(admin).toMatchObject({ role: Role.ADMIN, scopeOrganizationId: null, active: true });
    expect(admin.passwordHash).toMatch(/^scrypt\$/);
    expect(await accounts.ensureFirstAdministrator(system, "another-password")).toBeNull();
    expect(await db.dataSource.manager.count(UserEntity)).toBe(1);
    const [entry] = await db.dataSource.manager.find(AuditEntryEntity, { where: { action: "user.create" } });
    expect(entry).toMatchObject({ actorName: "system", actorId: null, targetType: "User", targetId: String(admin.id) });
    expect(JSON.stringify(entry.after)).not.toContain("scrypt");

    adminToken = await login("admin", ADMIN_PASSWORD);
  });
});

describe("login", () => {
  test("returns a token that resolves to the user's actor on a later request", async () => {
    const result = await accounts.login(ctx(), "  Admin ", ADMIN_PASSWORD);
    expect(result.user.username).toBe("admin");
    expect(result.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const actor = await ctx(result.token).auth.actor();
    expect(actor).toEqual({ userId: result.user.id, username: "admin", role: Role.ADMIN, scopeOrganizationId: null, scopePath: null });
    expect(await ctx().auth.actor()).toBeNull();
  });

  test("a wrong password and an unknown user get the same UNAUTHENTICATED answer", async () => {
    const wrong = accounts.login(ctx(null, "192.0.2.50"), "admin", "not-the-password");
    const unknown = accounts.login(ctx(null, "192.0.2.51"), "nobody", "not-the-password");
    await expect(wrong).rejects.toThrow("Wrong username or password.");
    await expect(unknown).rejects.toThrow("Wrong username or password.");
    expect(await errorCode(accounts.login(ctx(), "admin", ""))).toBe("UNAUTHENTICATED");
  });

  test("repeated failures are throttled per username, and the right password then waits too", async () => {
    // A stopped clock: under load two scrypt checks could otherwise outlast the one-second delay.
    const stopped = Date.now();
    const strict = testAuthenticator(new LoginThrottle({ ...USERNAME_POLICY, freeFailures: 2 }, undefined, () => stopped));
    const attempt = (password: string, address: string) => accounts.login(requestContext(db.dataSource, strict, null, address), "admin", password);
    await expect(attempt("wrong-1", "198.51.100.1")).rejects.toThrow("Wrong username");
    await expect(attempt("wrong-2", "198.51.100.2")).rejects.toThrow("Wrong username");
    const throttled = await attempt(ADMIN_PASSWORD, "198.51.100.3").catch((error: unknown) => error);
    expect(throttled).toBeInstanceOf(LoginThrottledError);
    expect((throttled as LoginThrottledError).extensions).toMatchObject({ code: "UNAUTHENTICATED", retryAfterSeconds: 1 });
  });

  test("each successful login is audited with the user as actor", async () => {
    const before = await auditCount();
    await login("admin", ADMIN_PASSWORD);
    const last = await db.dataSource.manager.findOneOrFail(AuditEntryEntity, { where: {}, order: { id: "DESC" } });
    expect(await auditCount()).toBe(before + 1);
    expect(last).toMatchObject({ action: "auth.login", actorName: "admin", targetType: "User" });
  });

  test("a malformed Authorization header or a forged token is UNAUTHENTICATED, not anonymous", async () => {
    const basic = requestContext(db.dataSource, authenticator);
    const withBasic = { ...basic, auth: authenticator.forRequest({ authorization: "Basic YWRtaW46eA==", em: db.dataSource.manager }) };
    expect(await errorCode(withBasic.auth.actor())).toBe("UNAUTHENTICATED");
    expect(await errorCode(ctx(adminToken.slice(0, -3) + "abc").auth.actor())).toBe("UNAUTHENTICATED");
  });
});

describe("user administration", () => {
  test("an administrator creates users scoped to organisations; each creation is audited without the password", async () => {
    const before = await auditCount();
    const orgAdmin = await createUser(asAdmin(), "Dept.Admin", Role.ORG_ADMIN, department.partyGroup, "dept.admin-password");
    expect(orgAdmin).toMatchObject({ username: "dept.admin", role: Role.ORG_ADMIN, scopeOrganizationId: department.partyGroup.id, active: true });
    expect(await auditCount()).toBe(before + 1);
    const entry = await db.dataSource.manager.findOneByOrFail(AuditEntryEntity, { action: "user.create", targetId: String(orgAdmin.id) });
    expect(entry.after).toEqual({ username: "dept.admin", role: "ORG_ADMIN", scopeOrganizationId: department.partyGroup.id, active: true });
    expect(entry.before).toBeNull();
    expect(entry.orgPath).toBe(department.partyGroup.path);
    expect(entry.actorName).toBe("admin");

    const token = await login("dept.admin");
    expect(await ctx(token).auth.actor()).toMatchObject({ role: Role.ORG_ADMIN, scopePath: department.partyGroup.path });
  });

  test("bad input, duplicates and missing rights are refused with their codes, and write no audit entry", async () => {
    await createUser(asAdmin(), "viewer.one", Role.VIEWER, department.branches[0]);
    const viewerToken = await login("viewer.one");
    const before = await auditCount();
    expect(await errorCode(createUser(asAdmin(), "viewer.one", Role.VIEWER, department.branches[0]))).toBe("CONFLICT");
    expect(await errorCode(createUser(asAdmin(), "VIEWER.ONE", Role.VIEWER, department.branches[0]))).toBe("CONFLICT");
    expect(await errorCode(createUser(asAdmin(), "x", Role.VIEWER, department.branches[0]))).toBe("BAD_USER_INPUT");
    expect(await errorCode(createUser(asAdmin(), "short.pw", Role.VIEWER, department.branches[0], "1234567"))).toBe("BAD_USER_INPUT");
    expect(await errorCode(createUser(asAdmin(), "no.scope", Role.VIEWER, null))).toBe("BAD_USER_INPUT");
    expect(await errorCode(createUser(asAdmin(), "ghost.scope", Role.VIEWER, { id: 999_999 }))).toBe("NOT_FOUND");
    expect(await errorCode(createUser(ctx(viewerToken), "by.viewer", Role.VIEWER, department.branches[0]))).toBe("FORBIDDEN");
    expect(await errorCode(createUser(ctx(), "by.nobody", Role.VIEWER, department.branches[0]))).toBe("UNAUTHENTICATED");
    expect(await auditCount()).toBe(before);
  });

  test("a scoped administrator manages only its own subtree; users outside it are not found", async () => {
    const scopedAdmin = await createUser(asAdmin(), "wc.admin", Role.ADMIN, department.workingCommittee);
    const outsider = await createUser(asAdmin(), "outsider", Role.VIEWER, otherProvince);
    const token = await login("wc.admin");
    const scoped = () => ctx(token);

    const inside = await createUser(scoped(), "branch.viewer", Role.VIEWER, department.branches[1]);
    expect(inside.scopeOrganizationId).toBe(department.branches[1].id);
    expect(await errorCode(createUser(scoped(), "up.viewer", Role.VIEWER, department.province))).toBe("FORBIDDEN");
    expect(await errorCode(createUser(scoped(), "forest.admin", Role.ADMIN, null))).toBe("FORBIDDEN");
    expect(await errorCode(users.disable(scoped(), outsider.id))).toBe("NOT_FOUND");
    // An organisation outside the scope does not exist for the scoped administrator.
    expect(await errorCode(users.rescope(scoped(), inside.id, otherProvince.id))).toBe("NOT_FOUND");
    expect(await errorCode(users.disable(scoped(), scopedAdmin.id))).toBe("BAD_USER_INPUT"); // itself

    const listed = await users.list(scoped(), { first: 100 });
    const names = listed.items.map((user) => user.username);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(["branch.viewer", "dept.admin", "viewer.one", "wc.admin"]));
    expect(names).not.toContain("outsider");
    expect(names).not.toContain("admin");
    expect(await users.count(scoped())).toBe(names.length);
  });

  test("the unscoped administrator lists everyone, page by page without overlap", async () => {
    const total = await users.count(asAdmin());
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await users.list(asAdmin(), { first: 2, after });
      seen.push(...page.items.map((user) => user.username));
      if (!page.hasNextPage) break;
      after = page.cursorOf(page.items[page.items.length - 1]);
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toContain("admin");
    expect(seen).toContain("outsider");
  });
});

describe("revocation", () => {
  test("disabling refuses the user's tokens and logins; enabling does not revive old tokens", async () => {
    const user = await createUser(asAdmin(), "to.disable", Role.ASSESSOR, department.organCommittee);
    const token = await login("to.disable");
    expect(await ctx(token).auth.actor()).toMatchObject({ username: "to.disable" });

    const disabled = await users.disable(asAdmin(), user.id);
    expect(disabled.active).toBe(false);
    expect(await errorCode(ctx(token).auth.actor())).toBe("UNAUTHENTICATED");
    await expect(accounts.login(ctx(), "to.disable", "to.disable-password")).rejects.toThrow("disabled");
    expect(await errorCode(users.disable(asAdmin(), user.id))).toBe("CONFLICT");

    const entry = await db.dataSource.manager.findOneOrFail(AuditEntryEntity, { where: { action: "user.disable" }, order: { id: "DESC" } });
    expect(entry.before).toMatchObject({ active: true });
    expect(entry.after).toMatchObject({ active: false });

    await users.enable(asAdmin(), user.id);
    expect(await errorCode(ctx(token).auth.actor())).toBe("UNAUTHENTICATED");
    const fresh = await login("to.disable");
    expect(await ctx(fresh).auth.actor()).toMatchObject({ username: "to.disable" });
  });

  test("changing the password refuses tokens issued before and returns a working one", async () => {
    await createUser(asAdmin(), "changes.pw", Role.INSPECTOR, department.organCommittee);
    const oldToken = await login("changes.pw");
    expect(await errorCode(accounts.changePassword(ctx(oldToken), "wrong-current", "brand-new-password"))).toBe("BAD_USER_INPUT");
    expect(await errorCode(accounts.changePassword(ctx(oldToken), "changes.pw-password", "short"))).toBe("BAD_USER_INPUT");
    expect(await errorCode(accounts.changePassword(ctx(), "changes.pw-password", "brand-new-password"))).toBe("UNAUTHENTICATED");

    const changed = await accounts.changePassword(ctx(oldToken), "changes.pw-password", "brand-new-password");
    expect(await errorCode(ctx(oldToken).auth.actor())).toBe("UNAUTHENTICATED");
    expect(await ctx(changed.token).auth.actor()).toMatchObject({ username: "changes.pw" });
    await expect(accounts.login(ctx(), "changes.pw", "changes.pw-password")).rejects.toThrow("Wrong username");
    expect((await accounts.login(ctx(), "changes.pw", "brand-new-password")).user.username).toBe("changes.pw");
    const entry = await db.dataSource.manager.findOneByOrFail(AuditEntryEntity, { action: "user.password.change" });
    expect(entry.actorName).toBe("changes.pw");
    expect(JSON.stringify([entry.before, entry.after])).not.toMatch(/scrypt|password/);
  });

  test("a new scope takes effect on the user's next request", async () => {
    const user = await createUser(asAdmin(), "moves.around", Role.VIEWER, department.branches[0]);
    const token = await login("moves.around");
    expect((await ctx(token).auth.actor())!.scopePath).toBe(department.branches[0].path);
    const moved = await users.rescope(asAdmin(), user.id, department.partyGroup.id);
    expect(moved.scopeOrganizationId).toBe(department.partyGroup.id);
    expect((await ctx(token).auth.actor())!.scopePath).toBe(department.partyGroup.path);
    expect(await errorCode(users.rescope(asAdmin(), user.id, null))).toBe("BAD_USER_INPUT");
  });

  test("me is the caller's own account, null without a token", async () => {
    expect((await accounts.me(asAdmin()))!.username).toBe("admin");
    expect(await accounts.me(ctx())).toBeNull();
  });
});

describe("audit log", () => {
  test("an entry is part of its mutation's transaction: a rollback leaves none", async () => {
    const before = await auditCount();
    const failing = inTransaction(asAdmin(), async (tx) => {
      await audit.record(tx, { action: "user.enable", targetType: "User", targetId: 1, orgPath: null, after: { probe: true } });
      throw new Error("the change failed after its audit entry");
    });
    await expect(failing).rejects.toThrow("the change failed");
    expect(await auditCount()).toBe(before);
    await expect(audit.record(asAdmin(), { action: "user.enable", targetType: "User", targetId: 1, orgPath: null })).rejects.toThrow(/outside a transaction/);
  });

  test("only administrators read it; filters combine; pages run newest first without overlap", async () => {
    const viewerToken = await login("viewer.one");
    expect(await errorCode(audit.list(ctx(viewerToken), {}, {}))).toBe("FORBIDDEN");
    expect(await errorCode(audit.list(ctx(), {}, {}))).toBe("UNAUTHENTICATED");

    const all = await audit.list(asAdmin(), {}, { first: 100 });
    const ids = all.items.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(await audit.count(asAdmin(), {})).toBe(await auditCount());

    const creations = await audit.list(asAdmin(), { action: "user.create", actor: "ADMIN", targetType: "User" }, { first: 100 });
    expect(creations.items.length).toBeGreaterThan(3);
    expect(creations.items.every((entry) => entry.action === "user.create" && entry.actorName === "admin")).toBe(true);

    const paged: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await audit.list(asAdmin(), {}, { first: 3, after });
      paged.push(...page.items.map((entry) => entry.id));
      if (!page.hasNextPage) break;
      after = page.cursorOf(page.items[page.items.length - 1]);
    }
    expect(paged).toEqual(ids);
  });

  test("since is inclusive and until exclusive, to the second", async () => {
    const newest = await db.dataSource.manager.findOneOrFail(AuditEntryEntity, { where: {}, order: { id: "DESC" } });
    const at = newest.occurredAt;
    const inWindow = await audit.list(asAdmin(), { since: at, until: new Date(at.getTime() + 1000) }, { first: 100 });
    expect(inWindow.items.map((entry) => entry.id)).toContain(newest.id);
    const later = await audit.list(asAdmin(), { since: new Date(at.getTime() + 2000) }, { first: 100 });
    expect(later.items).toHaveLength(0);
    const earlier = await audit.list(asAdmin(), { until: new Date(at.getTime() - 2000) }, { first: 100 });
    expect(earlier.items.map((entry) => entry.id)).not.toContain(newest.id);
    expect(await errorCode(audit.list(asAdmin(), { since: at, until: at }, {}))).toBe("BAD_USER_INPUT");
  });

  test("a scoped administrator sees only the entries of its subtree", async () => {
    const token = await login("wc.admin");
    const seen = await audit.list(ctx(token), {}, { first: 100 });
    expect(seen.items.length).toBeGreaterThan(0);
    for (const entry of seen.items) expect(entry.orgPath!.startsWith(department.workingCommittee.path)).toBe(true);
    // Organisation entries carry organisation ids, which may equal a user id: compare users with users.
    const names = seen.items.filter((entry) => entry.targetType === "User").map((entry) => entry.targetId);
    const outsider = await db.dataSource.manager.findOneByOrFail(UserEntity, { username: "outsider" });
    expect(names).not.toContain(String(outsider.id));
  });
});

describe("first administrator on a fresh database", () => {
  let fresh: TestDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase();
  });
  afterAll(() => fresh.drop());

  test("without a password from the environment one is generated, returned once, and works; racing starts create one admin", async () => {
    const system = () => actingAs(fresh.dataSource, authenticator, SYSTEM_ACTOR);
    const results = await Promise.all([accounts.ensureFirstAdministrator(system()), accounts.ensureFirstAdministrator(system())]);
    const generated = results.filter((result) => result !== null);
    expect(generated).toHaveLength(1);
    expect(generated[0]!.length).toBeGreaterThanOrEqual(20);
    expect(await fresh.dataSource.manager.count(UserEntity)).toBe(1);
    const result = await accounts.login(requestContext(fresh.dataSource, authenticator), "admin", generated[0]!);
    expect(result.user.role).toBe(Role.ADMIN);
    expect(await accounts.ensureFirstAdministrator(system())).toBeNull();
  });

  test("a password from the environment must meet the password rules", async () => {
    const other = await createTestDatabase();
    try {
      await expect(accounts.ensureFirstAdministrator(actingAs(other.dataSource, authenticator, SYSTEM_ACTOR), "admin")).rejects.toThrow(/ZEREN_ADMIN_PASSWORD/);
    } finally {
      await other.drop();
    }
  });
});

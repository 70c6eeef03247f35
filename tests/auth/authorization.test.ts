import { Role } from "../../src/entities/user.entity";
import { SYSTEM_ACTOR, type Actor } from "../../src/services/auth/actor";
import {
  assertCanRead,
  assertCanWrite,
  canRead,
  canWrite,
  readAccess,
  ROLE_ACTIONS,
  scopeRange,
  type Action,
} from "../../src/services/auth/authorization";
import { ForbiddenError, UnauthenticatedError } from "../../src/services/errors";
import { childPath } from "../../src/services/organization-path";

// A tiny forest: root 1 → scope 2 → inside 3; root 1 → sibling 4; another root 5.
const ROOT = childPath(null, 1);
const SCOPE = childPath(ROOT, 2);
const INSIDE = childPath(SCOPE, 3);
const SIBLING = childPath(ROOT, 4);
const OTHER_ROOT = childPath(null, 5);
// Id 20 beside id 2: fixed-width segments keep it from passing a naive prefix test for "…2".
const LOOKALIKE = childPath(ROOT, 20);

const ACTIONS: Action[] = ["read", "organization.write", "assessment.write", "inspection.write", "user.admin", "audit.read"];
/** The expected table, written out independently of ROLE_ACTIONS. */
const EXPECTED: Record<Role, Action[]> = {
  ADMIN: ACTIONS,
  ORG_ADMIN: ["read", "organization.write"],
  ASSESSOR: ["read", "assessment.write"],
  INSPECTOR: ["read", "inspection.write"],
  VIEWER: ["read"],
};

function actor(role: Role, scopePath: string | null): Actor {
  return { userId: 9, username: "u", role, scopeOrganizationId: scopePath ? 2 : null, scopePath };
}

const cases = Object.values(Role).flatMap((role) => ACTIONS.map((action) => [role, action] as const));

describe.each(cases)("%s × %s", (role, action) => {
  const allowed = EXPECTED[role].includes(action);
  const scoped = actor(role, SCOPE);

  test(`${allowed ? "allowed" : "refused"} inside the scope (the scope root and below)`, () => {
    expect(canWrite(scoped, action, SCOPE)).toBe(allowed);
    expect(canWrite(scoped, action, INSIDE)).toBe(allowed);
  });

  test("refused outside the scope: siblings, ancestors, other roots, look-alike paths, forest-wide targets", () => {
    for (const path of [ROOT, SIBLING, OTHER_ROOT, LOOKALIKE, null]) expect(canWrite(scoped, action, path)).toBe(false);
  });

  test("an unscoped actor: an administrator covers the forest; any other role covers nothing", () => {
    const unscoped = actor(role, null);
    const expected = role === Role.ADMIN && allowed;
    for (const path of [ROOT, INSIDE, OTHER_ROOT, null]) expect(canWrite(unscoped, action, path)).toBe(expected);
  });
});

test("ROLE_ACTIONS is exactly the documented table", () => {
  for (const role of Object.values(Role)) expect([...ROLE_ACTIONS[role]].sort()).toEqual([...EXPECTED[role]].sort());
});

test("every role reads its subtree, and sees the scope's ancestors by name only", () => {
  for (const role of Object.values(Role)) {
    const scoped = actor(role, SCOPE);
    expect(canRead(scoped, INSIDE)).toBe(true);
    expect(canRead(scoped, ROOT)).toBe(false);
    expect(readAccess(scoped, SCOPE)).toBe("FULL");
    expect(readAccess(scoped, INSIDE)).toBe("FULL");
    expect(readAccess(scoped, ROOT)).toBe("NAME_ONLY");
    expect(readAccess(scoped, SIBLING)).toBe("NONE");
    expect(readAccess(scoped, OTHER_ROOT)).toBe("NONE");
    expect(readAccess(scoped, LOOKALIKE)).toBe("NONE");
  }
  expect(readAccess(actor(Role.VIEWER, null), ROOT)).toBe("NONE");
  expect(readAccess(SYSTEM_ACTOR, OTHER_ROOT)).toBe("FULL");
});

test("assertions: no actor is UNAUTHENTICATED, a missing right or scope is FORBIDDEN", () => {
  const viewer = actor(Role.VIEWER, SCOPE);
  expect(() => assertCanRead(null, INSIDE)).toThrow(UnauthenticatedError);
  expect(() => assertCanWrite(null, "read", INSIDE)).toThrow(UnauthenticatedError);
  expect(() => assertCanRead(viewer, SIBLING)).toThrow(ForbiddenError);
  expect(() => assertCanWrite(viewer, "organization.write", INSIDE)).toThrow(ForbiddenError);
  expect(() => assertCanWrite(actor(Role.ORG_ADMIN, SCOPE), "organization.write", SIBLING)).toThrow(ForbiddenError);
  expect(() => assertCanRead(viewer, INSIDE)).not.toThrow();
  expect(() => assertCanWrite(actor(Role.ORG_ADMIN, SCOPE), "organization.write", INSIDE)).not.toThrow();
});

test("scopeRange bounds exactly the scope's subtree, is null for an unscoped administrator and empty for an unscoped other role", () => {
  const range = scopeRange(actor(Role.VIEWER, SCOPE))!;
  const within = (path: string) => path >= range.lower && path < range.upper;
  expect([SCOPE, INSIDE].every(within)).toBe(true);
  expect([ROOT, SIBLING, OTHER_ROOT, LOOKALIKE].some(within)).toBe(false);
  expect(scopeRange(actor(Role.ADMIN, null))).toBeNull();
  const nothing = scopeRange(actor(Role.VIEWER, null))!;
  expect([ROOT, SCOPE, INSIDE].some((path) => path >= nothing.lower && path < nothing.upper)).toBe(false);
});

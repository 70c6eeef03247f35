import { ApolloServer } from "@apollo/server";
import { withStatementTally } from "../../src/db/statement-counter";
import { OrgKind } from "../../src/entities";
import { ABUSE_LIMITS, abuseValidationRules, complexityLimitPlugin } from "../../src/http/abuse-limits";
import { setLogLevel } from "../../src/logger";
import { formatError } from "../../src/schema/format-error";
import { toGlobalId } from "../../src/schema/global-id";
import { AccountService } from "../../src/services/auth/account.service";
import { SYSTEM_ACTOR } from "../../src/services/auth/actor";
import type { Authenticator } from "../../src/services/auth/authenticator";
import type { RequestContext } from "../../src/services/request-context";
import { buildDepartment } from "../helpers/factories";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db";
import { actingAs, requestContext, testAuthenticator } from "./auth-test-context";
import { buildSchemaWithAuth } from "./build-auth-schema";

/**
 * The auth resolvers through Apollo, with the abuse limits registered as createApp will
 * register them (phase 2): error codes, global ids, connections, and refusals that run no SQL.
 */
const PASSWORD = "graphql-admin-password";

let db: TestDatabase;
let apollo: ApolloServer<RequestContext>;
let authenticator: Authenticator;
let department: Awaited<ReturnType<typeof buildDepartment>>;
let adminToken: string;

interface Result {
  status: number;
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  statements: number;
}

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<Result> {
  const tally = { count: 0 };
  const response = await withStatementTally(tally, () =>
    apollo.executeOperation({ query, variables }, { contextValue: requestContext(db.dataSource, authenticator, token) }),
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  return { status: response.http.status ?? 200, data, errors: errors as Result["errors"], statements: tally.count };
}

const codes = (result: Result) => (result.errors ?? []).map((error) => error.extensions?.code);

beforeAll(async () => {
  setLogLevel("error");
  db = await createTestDatabase();
  authenticator = testAuthenticator();
  const system = actingAs(db.dataSource, authenticator, SYSTEM_ACTOR);
  department = await buildDepartment(system, 1);
  await new AccountService().ensureFirstAdministrator(system, PASSWORD);
  apollo = new ApolloServer<RequestContext>({
    schema: await buildSchemaWithAuth(),
    formatError,
    introspection: false,
    validationRules: abuseValidationRules(),
    parseOptions: { maxTokens: ABUSE_LIMITS.maxTokens },
    plugins: [complexityLimitPlugin()],
  });
  await apollo.start();
  const login = await gql(`mutation { login(username: "admin", password: "${PASSWORD}") { token expiresAt user { id username role scope { code } } } }`);
  expect(login.errors).toBeUndefined();
  adminToken = login.data.login.token;
  expect(login.data.login.user).toMatchObject({ username: "admin", role: "ADMIN", scope: null });
});

afterAll(async () => {
  await apollo?.stop();
  await db?.drop();
});

test("me answers null without a token and the user with one; a bad token is UNAUTHENTICATED", async () => {
  expect((await gql("{ me { username } }")).data).toEqual({ me: null });
  expect((await gql("{ me { username } }", {}, adminToken)).data).toEqual({ me: { username: "admin" } });
  const forged = await gql("{ me { username } }", {}, adminToken + "x");
  expect(codes(forged)).toEqual(["UNAUTHENTICATED"]);
  expect(forged.data).toEqual({ me: null });
});

test("a wrong password is UNAUTHENTICATED with no data", async () => {
  const result = await gql(`mutation { login(username: "admin", password: "wrong-password") { token } }`);
  expect(codes(result)).toEqual(["UNAUTHENTICATED"]);
  expect(result.errors![0].message).toBe("Wrong username or password.");
  expect(result.data).toBeNull();
});

test("an administrator creates, lists, disables users; the audit log shows it with global ids and JSON snapshots", async () => {
  const scopeId = toGlobalId("Organization", department.partyGroup.id);
  const created = await gql(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id username role active scope { id code } } }`,
    { input: { username: "Party.Viewer", password: "viewer-password", role: "VIEWER", scopeId } },
    adminToken,
  );
  expect(created.errors).toBeUndefined();
  expect(created.data.createUser).toMatchObject({ username: "party.viewer", role: "VIEWER", active: true, scope: { id: scopeId, code: department.partyGroup.code } });
  const userId = created.data.createUser.id;

  const listed = await gql(`{ users(first: 10) { totalCount nodes { username } pageInfo { hasNextPage } } }`, {}, adminToken);
  expect(listed.data.users).toEqual({ totalCount: 2, nodes: [{ username: "admin" }, { username: "party.viewer" }], pageInfo: { hasNextPage: false } });

  const disabled = await gql(`mutation($id: ID!) { disableUser(id: $id) { active } }`, { id: userId }, adminToken);
  expect(disabled.data).toEqual({ disableUser: { active: false } });

  const log = await gql(
    `query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 5) { totalCount edges { cursor node { id action actor targetType targetId before after occurredAt requestId } } } }`,
    { filter: { targetType: "User", actor: "admin" } },
    adminToken,
  );
  expect(log.errors).toBeUndefined();
  const [latest] = log.data.auditLog.edges.map((edge: any) => edge.node);
  expect(latest).toMatchObject({
    action: "user.disable",
    actor: "admin",
    targetType: "User",
    targetId: userId,
    before: { username: "party.viewer", active: true },
    after: { username: "party.viewer", active: false },
  });
  expect(new Date(latest.occurredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  expect(latest.requestId).toMatch(/^req-/);
});

test("the refusals carry their codes: UNAUTHENTICATED without a token, FORBIDDEN for a viewer, NOT_FOUND for a bad id", async () => {
  await gql(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { username: "plain.viewer", password: "viewer-password", role: "VIEWER", scopeId: toGlobalId("Organization", department.branches[0].id) } },
    adminToken,
  );
  const viewer = (await gql(`mutation { login(username: "plain.viewer", password: "viewer-password") { token } }`)).data.login.token;
  expect(codes(await gql("{ auditLog { totalCount } }"))).toEqual(["UNAUTHENTICATED"]);
  expect(codes(await gql("{ auditLog { totalCount } }", {}, viewer))).toEqual(["FORBIDDEN"]);
  expect(codes(await gql("{ users { totalCount } }", {}, viewer))).toEqual(["FORBIDDEN"]);
  expect(codes(await gql(`mutation { disableUser(id: "${toGlobalId("User", 999999)}") { id } }`, {}, adminToken))).toEqual(["NOT_FOUND"]);
  expect(codes(await gql(`mutation { disableUser(id: "${toGlobalId("Organization", 1)}") { id } }`, {}, adminToken))).toEqual(["BAD_USER_INPUT"]);
});

test("changePassword returns a fresh token and ends the old one", async () => {
  const old = (await gql(`mutation { login(username: "plain.viewer", password: "viewer-password") { token } }`)).data.login.token;
  const changed = await gql(`mutation { changePassword(currentPassword: "viewer-password", newPassword: "viewer-password-2") { token user { username } } }`, {}, old);
  expect(changed.errors).toBeUndefined();
  expect(codes(await gql("{ me { username } }", {}, old))).toEqual(["UNAUTHENTICATED"]);
  expect((await gql("{ me { username } }", {}, changed.data.changePassword.token)).data.me.username).toBe("plain.viewer");
});

describe("abusive queries are refused before any SQL runs", () => {
  test("nested large pages exceed the cost limit: 400, GRAPHQL_VALIDATION_FAILED, zero statements", async () => {
    const code = department.province.code;
    const query = `query($n: Int) { organization(code: "${code}") { children(first: $n) { nodes { children(first: $n) { nodes { children(first: $n) { nodes { code } } } } } } } }`;
    const refused = await gql(query, { n: 100 }, adminToken);
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(refused.errors![0].message).toMatch(/would cost/);
    expect(refused.statements).toBe(0);

    const allowed = await gql(query, { n: 2 }, adminToken);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.statements).toBeGreaterThan(0);
  });

  test("too deep: zero statements", async () => {
    let inner = "code";
    for (let i = 0; i < 10; i++) inner = `parent { ${inner} }`;
    const refused = await gql(`{ organization(code: "X") { children { nodes { ${inner} } } } }`, {}, adminToken);
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(refused.statements).toBe(0);
  });

  test("a login flood by aliases: zero statements, no password checked, nothing throttled", async () => {
    const guesses = Array.from({ length: 40 }, (_, i) => `g${i}: login(username: "admin", password: "guess-${i}") { token }`).join(" ");
    const refused = await gql(`mutation { ${guesses} }`);
    expect(codes(refused)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(refused.statements).toBe(0);
    expect((await gql(`mutation { login(username: "admin", password: "${PASSWORD}") { token } }`)).errors).toBeUndefined();
  });

  test("introspection is off when the server says so", async () => {
    const result = await gql("{ __schema { queryType { name } } }");
    expect(codes(result)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(result.statements).toBe(0);
  });
});

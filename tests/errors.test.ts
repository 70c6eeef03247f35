import { OrgKind } from "../src/entities";
import { buildOrganization } from "./helpers/factories";
import { startTestServer, type TestServer } from "./helpers/test-server";

/**
 * How failures reach a client: request errors keep graphql-js/Apollo's codes; anything
 * unexpected becomes INTERNAL_SERVER_ERROR with nothing of the SQL or the stack, while the
 * log keeps both under the request id the response names.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await buildOrganization(server.context(), { kind: OrgKind.LOCAL_COMMITTEE, code: "ERR-ROOT" });
});

afterAll(() => server.close());

/** Text a leaked database error or stack trace would contain. */
const LEAKS = [/SELECT/i, /\bFROM\b/, /no such table/i, /doesn't exist/i, /QueryFailedError/, /SQLITE_/, /\bER_[A-Z_]+/, /\n\s+at /, /\bat .*\.[jt]s:\d+/, /\/work\//];

function expectNoLeak(value: unknown): void {
  const text = JSON.stringify(value);
  for (const pattern of LEAKS) expect(text).not.toMatch(pattern);
}

async function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(server.graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body,
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("an unexpected failure", () => {
  const captured: string[] = [];
  let writeSpy: jest.SpyInstance;

  beforeAll(async () => {
    // A realistic fault: the table the query reads is gone (as after a botched migration).
    await server.dataSource.query("ALTER TABLE organization RENAME TO organization_gone");
    writeSpy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      captured.push(String(chunk));
      return true;
    });
  });

  afterAll(async () => {
    writeSpy.mockRestore();
    await server.dataSource.query("ALTER TABLE organization_gone RENAME TO organization");
  });

  test("reaches the client as INTERNAL_SERVER_ERROR without SQL or stack, and the log keeps the cause under the request id", async () => {
    const response = await server.gql(`{ organizations(first: 5) { totalCount nodes { code } } }`, undefined, { "x-request-id": "err-test-0001" });

    expect(response.data ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
    expect(error.path).toEqual(["organizations"]);
    expectNoLeak(response.errors);
    expect(response.headers.get("x-request-id")).toBe("err-test-0001");

    const logged = captured.map((line) => JSON.parse(line)).filter((entry) => entry.requestId === "err-test-0001");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: "error", path: ["organizations"] });
    expect(logged[0].error).toMatch(/organization/);
  });

  test("a nested field's failure is contained the same way", async () => {
    const response = await server.gql(`{ organization(code: "ERR-ROOT") { code } }`);
    expect(response.data).toEqual({ organization: null });
    expect(response.errors?.map((e) => e.extensions)).toEqual([{ code: "INTERNAL_SERVER_ERROR" }]);
    expectNoLeak(response.errors);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("request errors", () => {
  test("a malformed query is GRAPHQL_PARSE_FAILED", async () => {
    const response = await server.gql(`{ organizations(first: 5) { totalCount `);
    expect(response.status).toBe(400);
    expect(response.errors?.map((e) => e.extensions)).toEqual([{ code: "GRAPHQL_PARSE_FAILED" }]);
    expect(response.data).toBeUndefined();
  });

  test("an unknown field is GRAPHQL_VALIDATION_FAILED", async () => {
    const response = await server.gql(`{ organizations { totalCount secretField } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.map((e) => e.extensions)).toEqual([{ code: "GRAPHQL_VALIDATION_FAILED" }]);
    expect(response.errors![0].message).toContain("secretField");
  });

  test("a variable of the wrong type is BAD_USER_INPUT", async () => {
    const response = await server.gql(`query($first: Int) { organizations(first: $first) { totalCount } }`, { first: "ten" });
    expect(response.status).toBe(400);
    expect(response.errors?.map((e) => e.extensions)).toEqual([{ code: "BAD_USER_INPUT" }]);
    expect(response.data).toBeUndefined();
  });

  test("a domain error keeps its code and message and carries no stack", async () => {
    const response = await server.gql(`{ organizations(first: 0) { totalCount } }`);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(response.errors![0].message).toMatch(/first must be between 1 and 100/);
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|\n\s+at /);
  });

  test("an unusable incoming request id is replaced by a fresh one", async () => {
    const response = await server.gql(`{ organizations(first: 1) { totalCount } }`, undefined, { "x-request-id": "bad id; with spaces" });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test("a body that is not JSON is a 400 with no stack, and still names its request id", async () => {
    const response = await post("{ this is not json", { "x-request-id": "err-test-0002" });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-request-id")).toBe("err-test-0002");
    expectNoLeak(response.body);
  });
});

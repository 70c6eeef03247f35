import { setLogLevel } from "../../src/logger";
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from "../helpers/test-db";
import { sample, startOpsServer, type OpsServer } from "./ops-server";

/**
 * Health, readiness, metrics and request-scoped logs, through the real HTTP endpoint, on
 * the dialect under test. (Outage, recovery and replicas need servers of their own: see
 * database-outage.test.ts and replicas.test.ts.)
 */

let database: TestDatabase;
let server: OpsServer;

beforeAll(async () => {
  setLogLevel("error");
  database = await createTestDatabase();
  server = await startOpsServer(database.dataSource);
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe("/healthz and /readyz", () => {
  test("/healthz answers 200 without asking the database", async () => {
    const response = await server.get("/healthz");
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ status: "ok" });
  });

  test("/readyz answers 200 when the database answers", async () => {
    const response = await server.get("/readyz");
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ status: "ready", database: { primary: { status: "up" } } });
  });

  test("/readyz answers 503 once shutdown has begun, while /healthz stays 200", async () => {
    const other = await startOpsServer(database.dataSource);
    try {
      other.running.readiness.beginShutdown();
      const response = await other.get("/readyz");
      expect(response.status).toBe(503);
      expect(response.json()).toEqual({ status: "shutting_down" });
      expect((await other.get("/healthz")).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  // With MariaDB the real outage (a server stopped and started again) is database-outage.test.ts.
  (TEST_DIALECT === "sqlite" ? test : test.skip)("/readyz answers 503 with a clear JSON body when the database fails", async () => {
    const broken = await createTestDatabase();
    const other = await startOpsServer(broken.dataSource);
    try {
      // The closest SQLite has to "the database went away": its handle is closed under the pool.
      (broken.dataSource.driver as unknown as { databaseConnection: { close(): void } }).databaseConnection.close();
      const response = await other.get("/readyz");
      expect(response.status).toBe(503);
      expect(response.json()).toMatchObject({
        status: "unavailable",
        reason: "DATABASE_UNAVAILABLE",
        message: "the database is unavailable; try again shortly",
        database: { primary: { status: "down" } },
      });
    } finally {
      await other.close();
      await broken.drop().catch(() => undefined);
    }
  });
});

describe("/metrics", () => {
  test("counts each operation by name and outcome, with its latency and SQL statements", async () => {
    const before = (await server.get("/metrics")).text;
    const ok = await server.gql(`query OpsCount { organizations(first: 5) { totalCount } }`);
    expect(ok.body.errors).toBeUndefined();
    await server.gql(`query OpsCount { organizations(first: 5) { totalCount } }`);
    const refused = await server.gql(`query OpsRefused { organizations(first: 0) { totalCount } }`);
    expect(refused.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const response = await server.get("/metrics");
    expect(response.status).toBe(200);
    const after = response.text;

    const success = { operation: "OpsCount", type: "query", outcome: "success" };
    expect(sample(after, "zeren_graphql_requests_total", success) - sample(before, "zeren_graphql_requests_total", success)).toBe(2);
    expect(sample(after, "zeren_graphql_requests_total", { operation: "OpsRefused", type: "query", outcome: "client_error" })).toBe(1);

    const op = { operation: "OpsCount", type: "query" };
    expect(sample(after, "zeren_graphql_request_duration_seconds_count", op)).toBe(2);
    expect(sample(after, "zeren_graphql_request_duration_seconds_sum", op)).toBeGreaterThan(0);
    expect(sample(after, "zeren_graphql_request_sql_statements_count", op)).toBe(2);
    // totalCount is one COUNT statement per request at least.
    expect(sample(after, "zeren_graphql_request_sql_statements_sum", op)).toBeGreaterThanOrEqual(2);
    expect(sample(after, "zeren_graphql_request_sql_statements_bucket", { ...op, le: "+Inf" })).toBe(2);
    expect(after).toMatch(/^zeren_graphql_requests_in_flight 0$/m);
    expect(after).toMatch(/^process_cpu_seconds_total /m);
  });

  test("reports the connection pool where the driver has one", async () => {
    await server.gql(`{ organizations(first: 1) { totalCount } }`);
    const text = (await server.get("/metrics")).text;
    if (TEST_DIALECT === "mariadb") {
      expect(sample(text, "zeren_db_pool_connection_limit", { pool: "primary" })).toBe(10);
      expect(sample(text, "zeren_db_pool_connections", { pool: "primary", state: "open" })).toBeGreaterThanOrEqual(1);
      expect(text).toMatch(/^zeren_db_pool_connections\{pool="primary",state="waiting"\} 0$/m);
    } else {
      // better-sqlite3 has one connection and no pool.
      expect(text).not.toMatch(/^zeren_db_pool_connections\{/m);
    }
  });

  test("names of operations are bounded: odd or anonymous ones are grouped", async () => {
    await server.gql(`{ organizations(first: 1) { totalCount } }`);
    const text = (await server.get("/metrics")).text;
    expect(sample(text, "zeren_graphql_requests_total", { operation: "anonymous", type: "query", outcome: "success" })).toBeGreaterThanOrEqual(1);
  });
});

describe("request ids in the logs", () => {
  let captured: string[];
  let spies: jest.SpyInstance[];

  beforeEach(() => {
    captured = [];
    const capture = (chunk: string | Uint8Array) => {
      captured.push(String(chunk));
      return true;
    };
    spies = [jest.spyOn(process.stdout, "write").mockImplementation(capture), jest.spyOn(process.stderr, "write").mockImplementation(capture)];
    setLogLevel("debug");
  });

  afterEach(async () => {
    setLogLevel("error");
    for (const spy of spies) spy.mockRestore();
  });

  test("every line written during concurrent requests carries the id of its own request", async () => {
    // One request fails inside a resolver (so it logs an error line besides its access line).
    await database.dataSource.query("ALTER TABLE organization RENAME TO organization_away");
    try {
      const [good, bad] = await Promise.all([
        server.gql(`query OpsLogGood { __typename }`, undefined, { "x-request-id": "ops-log-good" }),
        server.gql(`query OpsLogBad { organizations(first: 1) { totalCount } }`, undefined, { "x-request-id": "ops-log-bad" }),
      ]);
      expect(good.headers.get("x-request-id")).toBe("ops-log-good");
      expect(bad.body.errors[0].extensions.code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await database.dataSource.query("ALTER TABLE organization_away RENAME TO organization");
    }

    const lines = captured
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(["ops-log-good", "ops-log-bad"]).toContain(line.requestId);
    expect(lines.filter((line) => line.requestId === "ops-log-good")).toEqual([
      expect.objectContaining({ level: "info", message: "graphql request", operation: "OpsLogGood", outcome: "success" }),
    ]);
    const bad = lines.filter((line) => line.requestId === "ops-log-bad");
    expect(bad).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: "error", message: "unexpected error" }),
        expect.objectContaining({ level: "info", message: "graphql request", operation: "OpsLogBad", outcome: "server_error" }),
      ]),
    );
  });
});

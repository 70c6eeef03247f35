import { GraphQLError } from "graphql";
import { ConfigError, loadConfig } from "../../src/config";
import { isDatabaseUnavailable } from "../../src/db/database-errors";
import { parseDatabaseUrl } from "../../src/db/data-source";
import { isReadOnlyStatement, parseReplicaUrls, replicaUrlProblems, withReplicas } from "../../src/db/replication";
import { setLogLevel } from "../../src/logger";
import { formatError } from "../../src/schema/format-error";

/** The pure parts of operations: settings, statement routing, outage classification. */

beforeAll(() => setLogLevel("error"));

function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("DATABASE_REPLICA_URLS", () => {
  const primary = parseDatabaseUrl("mariadb://app:secret@10.0.0.10:3306/zeren", "unused");

  test("each replica takes the primary's account and database unless it names its own", () => {
    expect(parseReplicaUrls(" mariadb://10.0.0.11 , mariadb://reader:pw@10.0.0.12:3307/zeren_ro ,", primary as never)).toEqual([
      { host: "10.0.0.11", port: 3306, username: "app", password: "secret", database: "zeren" },
      { host: "10.0.0.12", port: 3307, username: "reader", password: "pw", database: "zeren_ro" },
    ]);
    expect(withReplicas(primary, undefined)).toBe(primary);
    expect(withReplicas(parseDatabaseUrl(undefined, "x.sqlite"), "mariadb://10.0.0.11")).toEqual({ dialect: "sqlite", file: "x.sqlite" });
  });

  test("bad values stop the service with messages naming the variable", () => {
    expect(replicaUrlProblems(undefined, undefined)).toEqual([]);
    expect(replicaUrlProblems("mariadb://r1", undefined)).toEqual([expect.stringMatching(/needs DATABASE_URL to name a MySQL or MariaDB primary/)]);
    expect(replicaUrlProblems("mariadb://r1", "sqlite:data/z.sqlite")).toEqual([expect.stringMatching(/needs DATABASE_URL/)]);
    expect(replicaUrlProblems("mariadb://r1,not a url,postgres://r3,mysql://r4", "mariadb://p/zeren")).toEqual([
      expect.stringMatching(/entry 2 is not a URL/),
      expect.stringMatching(/entry 3 must start with mysql:\/\/ or mariadb:\/\//),
      expect.stringMatching(/entry 4 uses mysql:\/\/ but DATABASE_URL uses mariadb:\/\//),
    ]);
    expect(configProblems({ DATABASE_URL: "mariadb://p/zeren", DATABASE_REPLICA_URLS: "http://r1" })).toEqual([
      expect.stringMatching(/^DATABASE_REPLICA_URLS entry 1 must start with/),
    ]);
    expect(loadConfig({ DATABASE_URL: "mariadb://p/zeren", DATABASE_REPLICA_URLS: "mariadb://r1" }).databaseReplicaUrls).toBe("mariadb://r1");
  });
});

describe("ZEREN_SHUTDOWN_TIMEOUT", () => {
  test("a duration from 1 s to 10 min, 30 s by default", () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(30_000);
    expect(loadConfig({ ZEREN_SHUTDOWN_TIMEOUT: "2m" }).shutdownTimeoutMs).toBe(120_000);
    expect(loadConfig({ ZEREN_SHUTDOWN_TIMEOUT: "45" }).shutdownTimeoutMs).toBe(45_000);
    for (const bad of ["0", "11m", "soon", "-5s"]) {
      expect(configProblems({ ZEREN_SHUTDOWN_TIMEOUT: bad })).toEqual([expect.stringMatching(/^ZEREN_SHUTDOWN_TIMEOUT must be a duration from 1s to 10m/)]);
    }
  });
});

describe("which raw statements may go to a replica", () => {
  test.each([
    ["SELECT * FROM organization WHERE id = ?", true],
    ["  /* loader */ select o.* from organization o", true],
    ["WITH RECURSIVE t AS (SELECT 1) SELECT * FROM t", true],
    ["SELECT SUBSTR(path, 1, 8) FROM organization", true],
    ["SELECT next_value FROM id_sequence WHERE name = ? FOR UPDATE", false],
    ["SELECT id FROM score_rollup WHERE id = ? LOCK IN SHARE MODE", false],
    ["SELECT id FROM t FOR SHARE", false],
    ["SELECT GET_LOCK('zeren', 10)", false],
    ["SELECT LAST_INSERT_ID()", false],
    ["SELECT 1 INTO @x", false],
    ["WITH t AS (SELECT 1) UPDATE organization SET name = 'x'", false],
    ["UPDATE organization SET name = ?", false],
    ["INSERT INTO audit_entry SELECT * FROM x", false],
    ["START TRANSACTION", false],
  ])("%s → %s", (sql, expected) => {
    expect(isReadOnlyStatement(sql)).toBe(expected);
  });
});

describe("telling a database outage from other failures", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED", errno: -111, fatal: true });

  test("lost and refused connections, as the driver raises them or TypeORM wraps them", () => {
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable({ message: "Connection lost: The server closed the connection.", code: "PROTOCOL_CONNECTION_LOST" })).toBe(true);
    expect(isDatabaseUnavailable({ name: "QueryFailedError", driverError: { code: "ER_SERVER_SHUTDOWN", errno: 1053 } })).toBe(true);
    expect(isDatabaseUnavailable(new Error("Can't add new command when connection is in closed state"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("Pool does Not have online node."), { code: "POOL_NONEONLINE" }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused], "connect failed"))).toBe(true);
  });

  test("a constraint, a deadlock, a refused login or a plain bug are something else", () => {
    expect(isDatabaseUnavailable({ code: "ER_DUP_ENTRY", errno: 1062 })).toBe(false);
    expect(isDatabaseUnavailable({ driverError: { code: "ER_LOCK_DEADLOCK", errno: 1213 } })).toBe(false);
    expect(isDatabaseUnavailable({ code: "ER_ACCESS_DENIED_ERROR", errno: 1045, fatal: true })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  test("reaches the client as one clear message with reason DATABASE_UNAVAILABLE, nothing of the cause", () => {
    const fromResolver = new GraphQLError("connect ECONNREFUSED 127.0.0.1:3306", { path: ["organizations"], originalError: refused });
    expect(formatError({ message: fromResolver.message, path: ["organizations"] }, fromResolver)).toEqual({
      message: "the database is unavailable; try again shortly",
      path: ["organizations"],
      locations: undefined,
      extensions: { code: "INTERNAL_SERVER_ERROR", reason: "DATABASE_UNAVAILABLE" },
    });
  });
});

import type { DataSource } from "typeorm";
import { createDataSource } from "../../src/db/data-source";
import { migrate } from "../../src/db/migrate";
import { setLogLevel } from "../../src/logger";
import { sample, startOpsServer, type OpsServer } from "./ops-server";
import { describeWithPrivateMariaDb, PrivateMariaDb, waitFor } from "./private-mariadb";

/**
 * The database goes away under a running service and comes back: requests fail fast with
 * one clear error instead of hanging, /readyz says so, and the service recovers by itself
 * (no restart) once the server answers again. The test owns the server it stops.
 */

const READ = `query OpsOutageRead { organizations(first: 5) { totalCount } }`;
const CREATE = `mutation OpsOutageCreate($input: CreateOrganizationInput!) { createOrganization(input: $input) { code } }`;
const UNAVAILABLE = {
  message: "the database is unavailable; try again shortly",
  extensions: { code: "INTERNAL_SERVER_ERROR", reason: "DATABASE_UNAVAILABLE" },
};

describeWithPrivateMariaDb("a database outage (MariaDB of the test's own)", () => {
  let db: PrivateMariaDb;
  let dataSource: DataSource;
  let server: OpsServer;

  beforeAll(async () => {
    setLogLevel("warn");
    db = await PrivateMariaDb.create("outage");
    await db.query("CREATE DATABASE zeren_ops CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    dataSource = createDataSource(db.target("zeren_ops"));
    await dataSource.initialize();
    await migrate(dataSource);
    server = await startOpsServer(dataSource);
  }, 60_000);

  afterAll(async () => {
    setLogLevel("error");
    await server?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.destroy();
  }, 60_000);

  test("fails fast with a clear error while the server is down, and recovers without a restart", async () => {
    const before = await server.gql(READ);
    expect(before.body).toEqual({ data: { organizations: { totalCount: 0 } } });
    expect((await server.get("/readyz")).status).toBe(200);

    await db.stop();

    // A read: the pooled connections are dead and new ones are refused.
    let started = Date.now();
    const read = await server.gql(READ);
    const readMs = Date.now() - started;
    expect(read.body.data).toBeNull();
    expect(read.body.errors).toEqual([expect.objectContaining(UNAVAILABLE)]);
    expect(JSON.stringify(read.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|SELECT/);
    expect(readMs).toBeLessThan(5000);

    // A mutation: its transaction cannot begin.
    started = Date.now();
    const write = await server.gql(CREATE, { input: { code: "OUT-1", name: "停机时", kind: "LOCAL_COMMITTEE", level: "PROVINCE", regionCode: "520000" } });
    const writeMs = Date.now() - started;
    expect(write.body.errors).toEqual([expect.objectContaining(UNAVAILABLE)]);
    expect(writeMs).toBeLessThan(5000);

    started = Date.now();
    const ready = await server.get("/readyz");
    const readyMs = Date.now() - started;
    expect(ready.status).toBe(503);
    expect(ready.json()).toMatchObject({ status: "unavailable", reason: "DATABASE_UNAVAILABLE", database: { primary: { status: "down" } } });
    expect(readyMs).toBeLessThan(5000);

    const metrics = (await server.get("/metrics")).text;
    expect(sample(metrics, "zeren_graphql_requests_total", { operation: "OpsOutageRead", type: "query", outcome: "database_unavailable" })).toBe(1);

    // Back on the same data directory and port; the service is not touched.
    const restartedAt = Date.now();
    await db.start();
    const serverUpMs = Date.now() - restartedAt;
    const recoveryMs = await waitFor("a successful read after the restart", async () => (await server.gql(READ)).body.errors === undefined, 20_000);
    const created = await server.gql(CREATE, { input: { code: "OUT-2", name: "恢复后", kind: "LOCAL_COMMITTEE", level: "PROVINCE", regionCode: "520000" } });
    expect(created.body).toEqual({ data: { createOrganization: { code: "OUT-2" } } });
    expect((await server.gql(READ)).body).toEqual({ data: { organizations: { totalCount: 1 } } });
    expect((await server.get("/readyz")).status).toBe(200);

    console.log(
      `database outage: read failed in ${readMs} ms, mutation in ${writeMs} ms, /readyz in ${readyMs} ms; ` +
        `server restart took ${serverUpMs} ms, first successful read ${recoveryMs} ms after it answered`,
    );
  }, 60_000);
});

import path from "node:path";
import type { DataSource } from "typeorm";
import { createDataSource } from "../../src/db/data-source";
import { migrate } from "../../src/db/migrate";
import { ReplicatedDataSource, withReplicas } from "../../src/db/replication";
import { setLogLevel } from "../../src/logger";
import { sample, startOpsServer, type OpsServer } from "./ops-server";
import { describeWithPrivateMariaDb, PrivateMariaDb, waitFor } from "./private-mariadb";

/**
 * Reads on a replica, writes on the primary: two MariaDB servers of the test's own, the
 * second replicating the first (GTID, from a fresh primary, so no dump is needed). To prove
 * where a statement went, the replica's SQL thread is stopped: the replica then keeps the
 * old data while the primary moves on.
 */

const DB = "zeren_ops";
const ORG = `code name parent { code children(first: 20) { totalCount nodes { code } } }`;
const CREATE = `mutation OpsReplicaCreate($input: CreateOrganizationInput!) { createOrganization(input: $input) { ${ORG} } }`;
const READ = `query OpsReplicaRead($code: String!) { organization(code: $code) { ${ORG} } }`;
const COUNT = `query OpsReplicaCount { organizations(first: 100) { totalCount } }`;

describeWithPrivateMariaDb("reads from a replica, writes to the primary (MariaDB of the test's own)", () => {
  let primary: PrivateMariaDb;
  let replica: PrivateMariaDb;
  let dataSource: DataSource;
  let server: OpsServer;

  const rowsOn = async (db: PrivateMariaDb, code: string) => (await db.query<unknown[]>(`SELECT id FROM ${DB}.organization WHERE code = ?`, [code])).length;
  const caughtUp = async () => {
    const [status] = await replica.query<{ Slave_SQL_Running: string; Slave_IO_Running: string }[]>("SHOW SLAVE STATUS");
    if (status?.Slave_SQL_Running !== "Yes" || status.Slave_IO_Running !== "Yes") return false;
    const [{ gtid: primaryGtid }] = await primary.query<{ gtid: string }[]>("SELECT @@gtid_binlog_pos AS gtid");
    const [{ gtid: replicaGtid }] = await replica.query<{ gtid: string }[]>("SELECT @@gtid_slave_pos AS gtid");
    return primaryGtid === replicaGtid;
  };

  beforeAll(async () => {
    setLogLevel("error");
    [primary, replica] = await Promise.all([
      PrivateMariaDb.create("primary", (dir) => [`--log-bin=${path.join(dir, "binlog")}`, "--server-id=1", "--binlog-format=ROW"]),
      PrivateMariaDb.create("replica", (dir) => [`--relay-log=${path.join(dir, "relay")}`, "--server-id=2", "--read-only"]),
    ]);
    await replica.query(
      `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos`,
    );
    await replica.query("START SLAVE");
    await primary.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);

    const target = withReplicas(primary.target(DB), `mariadb://127.0.0.1:${replica.port}`);
    dataSource = createDataSource(target);
    expect(dataSource).toBeInstanceOf(ReplicatedDataSource);
    await dataSource.initialize();
    await migrate(dataSource);
    await waitFor("the replica to apply the migrations", caughtUp, 20_000);
    server = await startOpsServer(dataSource, () => waitFor("the replica to have the administrator", caughtUp));
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await Promise.all([replica?.destroy(), primary?.destroy()]);
  }, 60_000);

  test("a mutation writes to the primary and reads its own write; later reads come from the replica", async () => {
    const root = await server.gql(CREATE, { input: { code: "REP-ROOT", name: "省委", kind: "LOCAL_COMMITTEE", level: "PROVINCE", regionCode: "520000" } });
    expect(root.body.errors).toBeUndefined();
    await waitFor("the replica to apply REP-ROOT", caughtUp);

    // From here on the replica applies nothing.
    await replica.query("STOP SLAVE SQL_THREAD");

    // The payload's parent.children are resolved after the commit, by the request's loaders:
    // they must come from the primary, or the new child would be missing.
    const rootId = await globalIdOf("REP-ROOT");
    const city = await server.gql(CREATE, { input: { code: "REP-CITY", name: "铜仁市委", kind: "LOCAL_COMMITTEE", regionCode: "520600", parentId: rootId } });
    expect(city.body.errors).toBeUndefined();
    expect(city.body.data.createOrganization).toEqual({
      code: "REP-CITY",
      name: "铜仁市委",
      parent: { code: "REP-ROOT", children: { totalCount: 1, nodes: [{ code: "REP-CITY" }] } },
    });

    // The writes reached the primary only.
    expect(await rowsOn(primary, "REP-CITY")).toBe(1);
    expect(await rowsOn(replica, "REP-CITY")).toBe(0);

    // Queries read the replica: they do not see the writes yet (find, QueryBuilder and raw SQL alike).
    expect((await server.gql(READ, { code: "REP-CITY" })).body.data).toEqual({ organization: null });
    expect((await server.gql(`query { organization(code: "REP-ROOT") { children(first: 20) { totalCount nodes { code } } } }`)).body.data).toEqual({
      organization: { children: { totalCount: 0, nodes: [] } },
    });
    expect((await server.gql(COUNT)).body.data.organizations.totalCount).toBe(1);

    await replica.query("START SLAVE SQL_THREAD");
    await waitFor("the replica to catch up", caughtUp);
    expect((await server.gql(READ, { code: "REP-CITY" })).body.data.organization).toMatchObject({ code: "REP-CITY", parent: { code: "REP-ROOT" } });
    expect((await server.gql(COUNT)).body.data.organizations.totalCount).toBe(2);
  }, 30_000);

  test("while the primary restarts, reads go on from the replica, writes fail fast, and both recover", async () => {
    await primary.stop();
    const read = await server.gql(COUNT);
    expect(read.body).toEqual({ data: { organizations: { totalCount: 2 } } });

    const started = Date.now();
    const write = await server.gql(CREATE, { input: { code: "REP-DOWN", name: "停机", kind: "LOCAL_COMMITTEE", level: "PROVINCE", regionCode: "520000" } });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(write.body.errors).toEqual([
      expect.objectContaining({ message: "the database is unavailable; try again shortly", extensions: { code: "INTERNAL_SERVER_ERROR", reason: "DATABASE_UNAVAILABLE" } }),
    ]);
    expect((await server.get("/readyz")).status).toBe(503);

    // mysql2's pool cluster sets a failing node aside; with its default (restoreNodeTimeout 0)
    // it would never take the primary back, and no write would succeed until a restart.
    await primary.start();
    const recoveryMs = await waitFor(
      "a write to succeed after the primary restarted",
      async () => {
        const retry = await server.gql(CREATE, { input: { code: "REP-BACK", name: "恢复", kind: "LOCAL_COMMITTEE", level: "PROVINCE", regionCode: "520000" } });
        return retry.body.errors === undefined;
      },
      15_000,
      200,
    );
    expect(await rowsOn(primary, "REP-BACK")).toBe(1);
    expect((await server.get("/readyz")).status).toBe(200);
    console.log(`primary restarted: writes succeeded again ${recoveryMs} ms after it answered`);
  }, 30_000);

  test("/readyz lists the replica; when it stops, reads fall back to the primary", async () => {
    const ready = await server.get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.json().database.replicas).toEqual([{ name: "replica0", address: `127.0.0.1:${replica.port}`, status: "up" }]);

    await replica.stop();
    const started = Date.now();
    const read = await server.gql(COUNT);
    // The replica stopped before applying REP-BACK; the primary has it.
    expect(read.body).toEqual({ data: { organizations: { totalCount: 3 } } });
    const fallbackMs = Date.now() - started;
    expect(fallbackMs).toBeLessThan(5000);
    console.log(`replica stopped: the next read fell back to the primary in ${fallbackMs} ms`);

    const degraded = await server.get("/readyz");
    expect(degraded.status).toBe(200);
    expect(degraded.json().database).toMatchObject({ primary: { status: "up" }, replicas: [{ name: "replica0", status: "down" }] });
    const metrics = (await server.get("/metrics")).text;
    expect(sample(metrics, "zeren_db_replica_fallbacks_total")).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, "zeren_db_pool_connection_limit", { pool: "primary" })).toBe(10);
    expect(sample(metrics, "zeren_db_pool_connection_limit", { pool: "replica0" })).toBe(10);

    // Writes never needed the replica.
    const write = await server.gql(CREATE, { input: { code: "REP-LATE", name: "晚到", kind: "LOCAL_COMMITTEE", level: "PROVINCE", regionCode: "520000" } });
    expect(write.body.errors).toBeUndefined();
    expect(await rowsOn(primary, "REP-LATE")).toBe(1);
  }, 30_000);

  async function globalIdOf(code: string): Promise<string> {
    const response = await server.gql(`query($code: String!) { organization(code: $code) { id } }`, { code });
    return response.body.data.organization.id;
  }
});

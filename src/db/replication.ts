import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { DataSource, type DataSourceOptions, type ObjectLiteral, type QueryRunner, type ReplicationMode } from "typeorm";
import { log } from "../logger";
import { isDatabaseUnavailable, unavailabilityCause } from "./database-errors";
import type { DatabaseTarget } from "./data-source";
import { currentScope, withScope } from "../request-scope";

/**
 * Reads on MySQL replicas, writes on the primary (DATABASE_REPLICA_URLS).
 *
 * How TypeORM 1.1 routes with `replication` set (read in its source, checked by
 * tests/ops/replicas.test.ts):
 * - `find*`, `count`, `exists` and QueryBuilder reads (`getMany`, `getRawMany`, …) on a manager
 *   without a query runner (`dataSource.manager`) take a connection in
 *   `defaultReplicationModeForReads()` mode: "slave".
 * - `em.query()`/`dataSource.query()` without a query runner, `save`/`insert`/`update`/
 *   `delete`, transactions and migrations take `createQueryRunner()`: "master".
 * - Everything inside `dataSource.transaction(em => …)` runs on that transaction's one
 *   connection, on the primary, reads included (so `tx.em` always sees its own writes).
 *
 * On top of that, ReplicatedDataSource
 * - sends raw read-only statements (SELECT / WITH without locking clauses) outside a
 *   transaction to a replica too, so the loaders' raw SQL is routed like `find`;
 * - pins every read of a request to the primary once the request turns out to be a mutation
 *   (mutationReadsFromPrimary): the fields of a mutation's payload are resolved after its
 *   transaction commits, through the request's non-transactional loaders, and a lagging
 *   replica would not show the write yet;
 * - falls back to the primary when no replica can be reached, so a dead replica slows reads
 *   down instead of failing them (counted in `replicaFallbacks`).
 *
 * What it cannot give: read-your-writes across requests. A query sent right after a
 * mutation may reach a replica that has not applied it yet (normally well under a second).
 */

/** Where one MySQL-family server is, as the driver needs it. */
export interface DatabaseEndpoint {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

const REPLICA_SCHEMES = ["mysql:", "mariadb:"];

/** Problems with DATABASE_REPLICA_URLS, worded for the start-up message; empty when fine. */
export function replicaUrlProblems(raw: string | undefined, databaseUrl: string | undefined): string[] {
  const urls = splitReplicaUrls(raw);
  if (urls.length === 0) return [];
  const problems: string[] = [];
  const primaryScheme = databaseUrl ? schemeOf(databaseUrl) : undefined;
  if (!primaryScheme || !REPLICA_SCHEMES.includes(primaryScheme)) {
    problems.push("DATABASE_REPLICA_URLS needs DATABASE_URL to name a MySQL or MariaDB primary (mysql://… or mariadb://…)");
  }
  urls.forEach((url, index) => {
    const scheme = schemeOf(url);
    if (scheme === undefined) {
      problems.push(`DATABASE_REPLICA_URLS entry ${index + 1} is not a URL (example: mariadb://reader:password@10.0.0.12:3306/zeren)`);
    } else if (!REPLICA_SCHEMES.includes(scheme)) {
      problems.push(`DATABASE_REPLICA_URLS entry ${index + 1} must start with mysql:// or mariadb://, not ${scheme}//`);
    } else if (primaryScheme && REPLICA_SCHEMES.includes(primaryScheme) && scheme !== primaryScheme) {
      problems.push(`DATABASE_REPLICA_URLS entry ${index + 1} uses ${scheme}// but DATABASE_URL uses ${primaryScheme}//; one driver serves both`);
    }
  });
  return problems;
}

/**
 * The replicas of DATABASE_REPLICA_URLS (comma-separated). A URL may leave out the user,
 * password and database: they default to the primary's, as replicas normally carry the same
 * accounts and schema.
 */
export function parseReplicaUrls(raw: string | undefined, primary: DatabaseEndpoint): DatabaseEndpoint[] {
  return splitReplicaUrls(raw).map((text) => {
    const url = new URL(text);
    const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
    return {
      host: url.hostname || "127.0.0.1",
      port: url.port ? Number(url.port) : 3306,
      username: url.username ? decodeURIComponent(url.username) : primary.username,
      password: url.username ? decodeURIComponent(url.password) : primary.password,
      database: database || primary.database,
    };
  });
}

/** The target with its replicas attached (unchanged for SQLite or an empty list). */
export function withReplicas(target: DatabaseTarget, replicaUrls: string | undefined): DatabaseTarget {
  if (target.dialect !== "mysql") return target;
  const replicas = parseReplicaUrls(replicaUrls, target);
  return replicas.length > 0 ? { ...target, replicas } : target;
}

function splitReplicaUrls(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function schemeOf(text: string): string | undefined {
  try {
    return new URL(text).protocol;
  } catch {
    return undefined;
  }
}

/**
 * TypeORM's `replication` block. mysql2's PoolCluster holds the primary and the replicas; a
 * node whose connections fail `removeNodeErrorCount` times in a row is set aside for
 * `restoreNodeTimeout` ms and then tried again. The mysql2 default (restoreNodeTimeout 0)
 * removes such a node for good, so a primary that restarted once would never be used again
 * until the service restarts: keep this above 0.
 */
export function replicationOptions(primary: DatabaseEndpoint, replicas: DatabaseEndpoint[]) {
  return {
    master: primary,
    slaves: replicas,
    canRetry: true,
    removeNodeErrorCount: 2,
    restoreNodeTimeout: 1000,
    selector: "RR" as const,
    defaultMode: "slave" as const,
  };
}

// ---------------------------------------------------------------------------------------
// Pinning a request's reads to the primary

/** Runs one request; its reads go to replicas until pinReadsToPrimary() is called in it. */
export function withReadRouting<T>(fn: () => T): T {
  return withScope({ readRouting: { primary: false } }, fn);
}

/** From now until the end of the current request, every read goes to the primary. */
export function pinReadsToPrimary(): void {
  const routing = currentScope()?.readRouting;
  if (routing) routing.primary = true;
}

export function readsPinnedToPrimary(): boolean {
  return currentScope()?.readRouting?.primary ?? false;
}

/** Apollo plugin: a mutation reads from the primary, before, inside and after its transaction. */
export function mutationReadsFromPrimary<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === "mutation") pinReadsToPrimary();
        },
      };
    },
  };
}

// ---------------------------------------------------------------------------------------
// The data source

/** The part of TypeORM's MysqlDriver used here (its class is not exported from "typeorm"). */
interface ReplicatedDriver {
  poolCluster?: {
    getConnection(pattern: string, callback: (error: Error | null, connection?: PooledConnection) => void): void;
  };
  obtainSlaveConnection(): Promise<unknown>;
  obtainMasterConnection(): Promise<unknown>;
}

interface PooledConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
  release(): void;
}

export interface ReplicaProbe {
  name: string;
  address: string;
  status: "up" | "down";
  cause?: string;
}

/** Replicas that failed are logged once per this interval, not once per read. */
const FALLBACK_LOG_INTERVAL_MS = 60_000;

export class ReplicatedDataSource extends DataSource {
  /** Reads that went to the primary because no replica could be reached. */
  replicaFallbacks = 0;
  private lastFallbackLog = 0;

  constructor(
    options: DataSourceOptions,
    readonly replicas: DatabaseEndpoint[],
  ) {
    super(options);
    const driver = this.driver as unknown as ReplicatedDriver;
    const toReplica = driver.obtainSlaveConnection.bind(driver);
    driver.obtainSlaveConnection = async () => {
      try {
        return await toReplica();
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        this.replicaFallbacks++;
        if (Date.now() - this.lastFallbackLog > FALLBACK_LOG_INTERVAL_MS) {
          this.lastFallbackLog = Date.now();
          log("warn", "no replica answers; reading from the primary", { cause: unavailabilityCause(error) });
        }
        return driver.obtainMasterConnection();
      }
    };
  }

  override defaultReplicationModeForReads(): ReplicationMode {
    return readsPinnedToPrimary() ? "master" : super.defaultReplicationModeForReads();
  }

  /** Raw read-only statements outside a transaction go where `find` would send them. */
  override async query<T = any>(query: string, parameters?: any[] | ObjectLiteral, queryRunner?: QueryRunner): Promise<T> {
    if (queryRunner || this.defaultReplicationModeForReads() !== "slave" || !isReadOnlyStatement(query)) {
      return super.query<T>(query, parameters, queryRunner);
    }
    const reader = this.createQueryRunner("slave");
    try {
      return await reader.query(query, parameters as any[] | undefined);
    } finally {
      await reader.release();
    }
  }

  /** Asks each replica for `SELECT 1` through the pool the reads use. */
  async probeReplicas(timeoutMs: number): Promise<ReplicaProbe[]> {
    const cluster = (this.driver as unknown as ReplicatedDriver).poolCluster;
    return Promise.all(
      this.replicas.map(async (replica, index): Promise<ReplicaProbe> => {
        const name = `replica${index}`;
        const address = `${replica.host}:${replica.port}`;
        if (!cluster) return { name, address, status: "down", cause: "not connected" };
        try {
          await withTimeout(pingNode(cluster, `SLAVE${index}`), timeoutMs);
          return { name, address, status: "up" };
        } catch (error) {
          return { name, address, status: "down", cause: unavailabilityCause(error) };
        }
      }),
    );
  }
}

function pingNode(cluster: NonNullable<ReplicatedDriver["poolCluster"]>, nodeId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    cluster.getConnection(nodeId, (error, connection) => {
      if (error || !connection) return reject(error ?? new Error("no connection"));
      connection.query("SELECT 1", (queryError) => {
        connection.release();
        if (queryError) reject(queryError);
        else resolve();
      });
    });
  });
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: "ETIMEDOUT" })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A statement that only reads and takes no lock or session state, judged from its text:
 * SELECT or WITH, without FOR UPDATE / FOR SHARE / LOCK IN SHARE MODE / INTO, without a
 * data-changing verb after WITH, and without lock or session functions. When in doubt the
 * answer is no, and the statement goes to the primary.
 */
export function isReadOnlyStatement(sql: string): boolean {
  const text = sql.replace(/^(\s+|\/\*[\s\S]*?\*\/|(--|#)[^\n]*\n?)+/, "");
  const verb = /^(SELECT|WITH)\b/i.exec(text)?.[1]?.toUpperCase();
  if (!verb) return false;
  if (/\bFOR\s+(UPDATE|SHARE)\b|\bLOCK\s+IN\s+SHARE\s+MODE\b|\bINTO\b/i.test(text)) return false;
  if (verb === "WITH" && /\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(text)) return false;
  return !/\b(GET_LOCK|RELEASE_LOCK|RELEASE_ALL_LOCKS|IS_FREE_LOCK|IS_USED_LOCK|LAST_INSERT_ID|FOUND_ROWS|ROW_COUNT|NEXTVAL|SETVAL|LASTVAL)\s*\(/i.test(text);
}

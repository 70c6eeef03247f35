import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type express from "express";
import type { GraphQLFormattedError } from "graphql";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { DataSource } from "typeorm";
import { DATABASE_UNAVAILABLE } from "../db/database-errors";
import { ReplicatedDataSource } from "../db/replication";
import { currentStatementTally } from "../db/statement-counter";
import { log } from "../logger";

/**
 * Prometheus metrics at GET /metrics, from a registry of the app's own (not prom-client's
 * global one: tests build several apps in one process, and a second registration of a name
 * in the global registry throws).
 *
 * Names (docs/operations.md explains them):
 *   zeren_graphql_requests_total{operation,type,outcome}         counter
 *   zeren_graphql_request_duration_seconds{operation,type}       histogram
 *   zeren_graphql_request_sql_statements{operation,type}         histogram
 *   zeren_graphql_requests_in_flight                             gauge
 *   zeren_db_pool_connections{pool,state}                        gauge (MySQL family)
 *   zeren_db_pool_connection_limit{pool}                         gauge (MySQL family)
 *   zeren_db_replica_fallbacks_total                             counter (with replicas)
 * plus prom-client's process_* and nodejs_* defaults.
 */
export interface Metrics {
  registry: Registry;
  plugin: ApolloServerPlugin<BaseContext>;
  handler: express.RequestHandler;
}

export type Outcome = "success" | "client_error" | "server_error" | "database_unavailable";

/**
 * Operation names come from clients. Each distinct name is a new time series kept for the
 * life of the process (years), so names are checked and capped: past the cap a name is
 * counted as "other".
 */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** A nested read should cost O(depth) statements; the tail buckets catch the N+1 regressions. */
const STATEMENT_BUCKETS = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 500, 1000];

export function createMetrics(dataSource: DataSource, options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: "zeren_graphql_requests_total",
    help: "GraphQL operations answered, by operation name, type and outcome (success, client_error, server_error, database_unavailable)",
    labelNames: ["operation", "type", "outcome"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "zeren_graphql_request_duration_seconds",
    help: "Time from the parsed request to the response, in seconds",
    labelNames: ["operation", "type"] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const statements = new Histogram({
    name: "zeren_graphql_request_sql_statements",
    help: "SQL statements one GraphQL request sent",
    labelNames: ["operation", "type"] as const,
    buckets: STATEMENT_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: "zeren_graphql_requests_in_flight",
    help: "GraphQL operations being executed now",
    registers: [registry],
  });
  registerPoolGauges(registry, dataSource);

  const operationNames = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "invalid";
    if (operationNames.has(name)) return name;
    if (operationNames.size >= MAX_OPERATION_NAMES) return "other";
    operationNames.add(name);
    return name;
  };

  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      inFlight.inc();
      return {
        async willSendResponse({ response, operation, operationName, request }) {
          inFlight.dec();
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const labels = { operation: operationLabel(operationName ?? request.operationName), type: operation?.operation ?? "unknown" };
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          const outcome = outcomeOf(errors);
          const sqlStatements = currentStatementTally()?.count ?? 0;
          requests.inc({ ...labels, outcome });
          duration.observe(labels, seconds);
          statements.observe(labels, sqlStatements);
          log("info", "graphql request", { ...labels, outcome, durationMs: Math.round(seconds * 1000), sqlStatements });
        },
      };
    },
  };

  const handler: express.RequestHandler = async (_req, res) => {
    res.setHeader("content-type", registry.contentType);
    res.end(await registry.metrics());
  };

  return { registry, plugin, handler };
}

/** From the formatted errors (format-error.ts has already run): the worst one decides. */
export function outcomeOf(errors: readonly GraphQLFormattedError[] | undefined): Outcome {
  if (!errors || errors.length === 0) return "success";
  if (errors.some((error) => error.extensions?.reason === DATABASE_UNAVAILABLE)) return "database_unavailable";
  if (errors.some((error) => error.extensions?.code === "INTERNAL_SERVER_ERROR")) return "server_error";
  return "client_error";
}

// ---------------------------------------------------------------------------------------
// Connection pools

/**
 * mysql2 keeps its pool's counts in fields without a public accessor (`_allConnections`,
 * `_freeConnections`, `_connectionQueue`: stable since mysql2 1.x). They are read defensively:
 * if a release renames them, the gauges go empty instead of the endpoint failing.
 */
interface Mysql2Pool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  _closed?: boolean;
  config?: { connectionLimit?: number };
}

function poolsOf(dataSource: DataSource): { name: string; pool: Mysql2Pool }[] {
  if (!dataSource.isInitialized) return [];
  const driver = dataSource.driver as unknown as { pool?: Mysql2Pool; poolCluster?: { _nodes?: Record<string, { pool?: Mysql2Pool }> } };
  if (driver.poolCluster?._nodes) {
    return Object.entries(driver.poolCluster._nodes)
      .filter(([, node]) => node.pool)
      .map(([id, node]) => ({ name: id === "MASTER" ? "primary" : id.replace(/^SLAVE/, "replica"), pool: node.pool! }));
  }
  return driver.pool ? [{ name: "primary", pool: driver.pool }] : [];
}

function registerPoolGauges(registry: Registry, dataSource: DataSource): void {
  new Gauge({
    name: "zeren_db_pool_connections",
    help: "Database pool connections by state: open, idle, in_use, and waiting (requests queued for a connection)",
    labelNames: ["pool", "state"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, pool } of poolsOf(dataSource)) {
        if (pool._closed || !pool._allConnections || !pool._freeConnections) continue;
        const open = pool._allConnections.length;
        const idle = pool._freeConnections.length;
        this.set({ pool: name, state: "open" }, open);
        this.set({ pool: name, state: "idle" }, idle);
        this.set({ pool: name, state: "in_use" }, open - idle);
        if (pool._connectionQueue) this.set({ pool: name, state: "waiting" }, pool._connectionQueue.length);
      }
    },
  });
  new Gauge({
    name: "zeren_db_pool_connection_limit",
    help: "Most connections the pool opens",
    labelNames: ["pool"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, pool } of poolsOf(dataSource)) {
        const limit = pool.config?.connectionLimit;
        if (typeof limit === "number") this.set({ pool: name }, limit);
      }
    },
  });
  if (dataSource instanceof ReplicatedDataSource) {
    let reported = 0;
    new Counter({
      name: "zeren_db_replica_fallbacks_total",
      help: "Reads sent to the primary because no replica could be reached",
      registers: [registry],
      collect() {
        this.inc(dataSource.replicaFallbacks - reported);
        reported = dataSource.replicaFallbacks;
      },
    });
  }
}

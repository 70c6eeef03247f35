import path from "node:path";
import fs from "node:fs";
import { DataSource, DataSourceOptions } from "typeorm";
import { entities } from "../entities";
import { log } from "../logger";
import { replicationOptions, ReplicatedDataSource, type DatabaseEndpoint } from "./replication";
import { StatementCountingLogger } from "./statement-counter";

export type Dialect = "mysql" | "sqlite";

/** Where the data lives: a MySQL-family server, or an embedded SQLite file (or ":memory:"). */
export type DatabaseTarget =
  | {
      dialect: "mysql";
      driver: "mysql" | "mariadb";
      host: string;
      port: number;
      username: string;
      password: string;
      database: string;
      /** Read replicas (DATABASE_REPLICA_URLS, see replication.ts); writes and transactions stay on this primary. */
      replicas?: DatabaseEndpoint[];
    }
  | { dialect: "sqlite"; file: string };

/**
 * mysql://… selects TypeORM's "mysql" driver, mariadb://… its "mariadb" driver (both
 * speak through mysql2; using "mysql" against MariaDB makes schema diffs report phantom
 * changes). sqlite:relative/file, sqlite:///absolute/file or sqlite::memory: select SQLite.
 */
export function parseDatabaseUrl(databaseUrl: string | undefined, defaultSqliteFile: string): DatabaseTarget {
  if (!databaseUrl) return { dialect: "sqlite", file: defaultSqliteFile };
  const url = new URL(databaseUrl);
  if (url.protocol === "sqlite:") {
    const rest = databaseUrl.slice("sqlite:".length).replace(/^\/\//, "");
    return { dialect: "sqlite", file: rest === ":memory:" ? ":memory:" : rest };
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!database) throw new Error("DATABASE_URL names no database (mysql://host:3306/<database>)");
  return {
    dialect: "mysql",
    driver: url.protocol === "mariadb:" ? "mariadb" : "mysql",
    host: url.hostname || "127.0.0.1",
    port: url.port ? Number(url.port) : 3306,
    username: decodeURIComponent(url.username || "root"),
    password: decodeURIComponent(url.password),
    database,
  };
}

const MIGRATIONS_ROOT = path.join(__dirname, "..", "migrations");

export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  const logger = new StatementCountingLogger((message, query) =>
    log("debug", "sql error", { error: message, sql: query.slice(0, 500) }),
  );
  const common = {
    entities,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: "schema_migration",
    logging: ["query", "error"] as ("query" | "error")[],
    logger,
  };
  if (target.dialect === "sqlite") {
    if (target.file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(target.file)), { recursive: true });
    return {
      ...common,
      type: "better-sqlite3",
      database: target.file,
      enableWAL: target.file !== ":memory:",
      migrations: [path.join(MIGRATIONS_ROOT, "sqlite", "*.{js,ts}")],
      prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
        db.pragma("foreign_keys = ON");
        db.pragma("busy_timeout = 5000");
      },
    };
  }
  const primary: DatabaseEndpoint = {
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
    database: target.database,
  };
  return {
    ...common,
    type: target.driver,
    ...(target.replicas?.length ? { replication: replicationOptions(primary, target.replicas) } : primary),
    charset: "utf8mb4_unicode_ci",
    timezone: "Z",
    supportBigNumbers: true,
    bigNumberStrings: true,
    // DATE columns as YYYY-MM-DD strings: a JS Date would shift by the server's time zone.
    dateStrings: ["DATE"],
    poolSize: 10,
    // Fail fast when the server is gone: a connection that cannot be opened in 3 s is an
    // error (mysql2's default is 10 s), and the request answers "database unavailable".
    connectTimeout: 3000,
    extra: {
      // TCP keepalive after 10 s idle (mysql2 enables keepalive but leaves the first probe
      // at the OS default of 2 hours): intranet firewalls silently drop idle sessions, and a
      // pooled connection dropped that way would hang its next query for minutes.
      enableKeepAlive: true,
      keepAliveInitialDelay: 10_000,
    },
    migrations: [path.join(MIGRATIONS_ROOT, "mysql", "*.{js,ts}")],
  };
}

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === "better-sqlite3" ? "sqlite" : "mysql";
}

export function createDataSource(target: DatabaseTarget): DataSource {
  if (target.dialect === "mysql" && target.replicas?.length) return new ReplicatedDataSource(dataSourceOptions(target), target.replicas);
  return new DataSource(dataSourceOptions(target));
}

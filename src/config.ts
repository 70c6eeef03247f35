import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { replicaUrlProblems } from "./db/replication";
import { log } from "./logger";

/**
 * Every setting the service reads, from the environment, checked once at start-up.
 * A bad value stops the service with a message naming the variable (README lists them).
 */
export interface AppConfig {
  /** mysql://… or mariadb://… for a server; empty for the embedded SQLite file. */
  databaseUrl: string | undefined;
  /** Comma-separated mysql://… or mariadb://… read replicas of databaseUrl (docs/operations.md). */
  databaseReplicaUrls: string | undefined;
  /** The SQLite file used when databaseUrl is empty. */
  sqlitePath: string;
  port: number;
  production: boolean;
  /** Load the demo organisations into an empty database at start-up. */
  loadDemoData: boolean;
  /** Password of the first administrator created on an empty database. */
  adminPassword: string | undefined;
  logLevel: LogLevel;
  /**
   * HS256 key for login tokens. From ZEREN_JWT_SECRET; outside production a missing one is
   * replaced by a random key per process, so tokens die with the process and are not shared
   * between instances.
   */
  jwtSecret: string;
  jwtSecretGenerated: boolean;
  /** Lifetime of a login token, in seconds (ZEREN_TOKEN_TTL: 3600, 90m, 8h, 1d …). */
  tokenTtlSeconds: number;
  /** Answer introspection queries (ZEREN_INTROSPECTION); on by default outside production only. */
  introspection: boolean;
  /** How long a SIGTERM may take to finish requests in flight and close the pool (ZEREN_SHUTDOWN_TIMEOUT). */
  shutdownTimeoutMs: number;
}

export type LogLevel = "debug" | "info" | "warn" | "error";
const LOG_LEVELS: LogLevel[] = ["debug", "info", "warn", "error"];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

/** The folder holding package.json, whether we run from src/ (tests) or dist/src/ (npm start). */
export const PROJECT_ROOT = findProjectRoot(__dirname);

function findProjectRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined) {
    try {
      const url = new URL(databaseUrl);
      if (!["mysql:", "mariadb:", "sqlite:"].includes(url.protocol)) {
        problems.push(`DATABASE_URL must start with mysql://, mariadb:// or sqlite:, not ${url.protocol}//`);
      }
    } catch {
      problems.push("DATABASE_URL is not a URL (example: mysql://user:password@127.0.0.1:3306/zeren)");
    }
  }

  const databaseReplicaUrls = env.DATABASE_REPLICA_URLS?.trim() || undefined;
  problems.push(...replicaUrlProblems(databaseReplicaUrls, databaseUrl));

  const port = parseInteger(env.PORT, 4000);
  if (port === undefined || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer from 0 to 65535, not "${env.PORT}"`);
  }

  const nodeEnv = env.NODE_ENV ?? "development";
  const loadDemo = parseBoolean(env.ZEREN_DEMO_DATA, true);
  if (loadDemo === undefined) problems.push(`ZEREN_DEMO_DATA must be true or false, not "${env.ZEREN_DEMO_DATA}"`);

  const logLevel = (env.LOG_LEVEL ?? "info") as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${env.LOG_LEVEL}"`);

  const adminPassword = env.ZEREN_ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 8) {
    problems.push("ZEREN_ADMIN_PASSWORD must have at least 8 characters");
  }

  const production = nodeEnv === "production";
  const jwtSecret = env.ZEREN_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < MIN_JWT_SECRET_LENGTH) {
    problems.push(`ZEREN_JWT_SECRET must have at least ${MIN_JWT_SECRET_LENGTH} characters`);
  } else if (jwtSecret === undefined && production) {
    problems.push(`ZEREN_JWT_SECRET is required when NODE_ENV=production (at least ${MIN_JWT_SECRET_LENGTH} random characters)`);
  }

  const tokenTtlSeconds = parseDuration(env.ZEREN_TOKEN_TTL, DEFAULT_TOKEN_TTL_SECONDS);
  if (tokenTtlSeconds === undefined || tokenTtlSeconds < 60 || tokenTtlSeconds > MAX_TOKEN_TTL_SECONDS) {
    problems.push(`ZEREN_TOKEN_TTL must be a duration from 60s to 30d (3600, 90m, 8h, 1d), not "${env.ZEREN_TOKEN_TTL}"`);
  }

  const introspection = parseBoolean(env.ZEREN_INTROSPECTION, !production);
  if (introspection === undefined) problems.push(`ZEREN_INTROSPECTION must be true or false, not "${env.ZEREN_INTROSPECTION}"`);

  const shutdownTimeoutSeconds = parseDuration(env.ZEREN_SHUTDOWN_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT_SECONDS);
  if (shutdownTimeoutSeconds === undefined || shutdownTimeoutSeconds < 1 || shutdownTimeoutSeconds > 600) {
    problems.push(`ZEREN_SHUTDOWN_TIMEOUT must be a duration from 1s to 10m (30, 30s, 2m), not "${env.ZEREN_SHUTDOWN_TIMEOUT}"`);
  }

  // Read where "today" is computed (services/responsibility/dates.ts); checked here so a typo stops start-up.
  const timeZone = env.ZEREN_TIME_ZONE || "Asia/Shanghai";
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    problems.push(`ZEREN_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, not "${env.ZEREN_TIME_ZONE}"`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  if (jwtSecret === undefined) {
    log("warn", "ZEREN_JWT_SECRET is not set: using a random key for this process; tokens end with it and other instances refuse them");
  }
  return {
    databaseUrl,
    databaseReplicaUrls,
    sqlitePath: env.ZEREN_SQLITE_PATH || path.join(PROJECT_ROOT, "data", "zeren.sqlite"),
    port: port!,
    production,
    loadDemoData: loadDemo!,
    adminPassword,
    logLevel,
    jwtSecret: jwtSecret ?? randomBytes(32).toString("base64url"),
    jwtSecretGenerated: jwtSecret === undefined,
    tokenTtlSeconds: tokenTtlSeconds!,
    introspection: introspection!,
    shutdownTimeoutMs: shutdownTimeoutSeconds! * 1000,
  };
}

/** HS256 keys should carry ~256 bits: a short one can be brute-forced offline from a single captured token. */
const MIN_JWT_SECRET_LENGTH = 32;
/** A working day. */
const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600;
const MAX_TOKEN_TTL_SECONDS = 30 * 86400;
/** Longer than a large import takes, shorter than a supervisor's patience (systemd's default is 90 s). */
const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 30;
const DURATION_UNITS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds from "3600", "90m", "8h", "1d"; undefined when malformed. */
function parseDuration(raw: string | undefined, fallback: number): number | undefined {
  if (raw === undefined || raw.trim() === "") return fallback;
  const match = /^(\d+)\s*([smhd]?)$/.exec(raw.trim().toLowerCase());
  return match ? Number(match[1]) * DURATION_UNITS[match[2]] : undefined;
}

function parseInteger(raw: string | undefined, fallback: number): number | undefined {
  if (raw === undefined || raw.trim() === "") return fallback;
  return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

function parseBoolean(raw: string | undefined, fallback: boolean): boolean | undefined {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = raw.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(value)) return true;
  if (["0", "false", "no", "off"].includes(value)) return false;
  return undefined;
}

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import type { DatabaseTarget } from "../../src/db/data-source";
import type { DatabaseEndpoint } from "../../src/db/replication";
import { TEST_DIALECT } from "../helpers/test-db";

/**
 * A MariaDB server of the test's own, in a temporary data directory on a free port, that the
 * test may stop, start and point replication at without touching the shared test server.
 * Started with --skip-grant-tables: root, no password, over TCP on 127.0.0.1 only.
 */
export const MARIADBD = "/usr/sbin/mariadbd";
const INSTALL_DB_CANDIDATES = ["/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db", "/usr/scripts/mariadb-install-db"];

/**
 * Why the private-server tests cannot run here, or undefined when they can. They run only
 * with ZEREN_TEST_DB=mariadb (the SQLite run stays free of server processes).
 */
export function privateMariaDbUnavailable(): string | undefined {
  if (TEST_DIALECT !== "mariadb") return "ZEREN_TEST_DB is not mariadb";
  if (!fs.existsSync(MARIADBD)) return `${MARIADBD} is absent`;
  if (!installDbPath()) return `mariadb-install-db is absent (looked in ${INSTALL_DB_CANDIDATES.join(", ")})`;
  return undefined;
}

/** `describe` when a private server can run, else `describe.skip` with a line saying why. */
export function describeWithPrivateMariaDb(title: string, body: () => void): void {
  const reason = privateMariaDbUnavailable();
  if (reason === undefined) {
    describe(title, body);
    return;
  }
  if (TEST_DIALECT === "mariadb") console.log(`skipping "${title}": ${reason}`);
  describe.skip(title, body);
}

function installDbPath(): string | undefined {
  return INSTALL_DB_CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const started = new Set<ChildProcess>();
// A test that dies half-way must not leave servers behind.
process.once("exit", () => {
  for (const child of started) child.kill("SIGKILL");
});

export class PrivateMariaDb {
  private child: ChildProcess | undefined;

  private constructor(
    readonly name: string,
    readonly dir: string,
    readonly port: number,
    private readonly extraArgs: string[],
  ) {}

  /** A fresh data directory (mariadb-install-db, under a second) and a running server. */
  static async create(name: string, extraArgs: (dir: string) => string[] = () => []): Promise<PrivateMariaDb> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `zeren-ops-${name}-`));
    // Each instance gets its own temporary directory: bootstraps sharing /tmp with other
    // servers have failed in CI ("Could not remove temporary table '/tmp/#sql-temptable-…'").
    fs.mkdirSync(path.join(dir, "tmp"));
    const install = spawnSync(
      installDbPath()!,
      ["--no-defaults", `--datadir=${path.join(dir, "data")}`, `--tmpdir=${path.join(dir, "tmp")}`, "--auth-root-authentication-method=normal", "--skip-test-db", ...asRoot()],
      { encoding: "utf8", timeout: 60_000 },
    );
    if (install.status !== 0) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`mariadb-install-db failed (${install.status}): ${install.stderr || install.stdout}`);
    }
    const server = new PrivateMariaDb(name, dir, await freePort(), extraArgs(dir));
    await server.start();
    return server;
  }

  get endpoint(): DatabaseEndpoint {
    return { host: "127.0.0.1", port: this.port, username: "root", password: "", database: "" };
  }

  target(database: string): DatabaseTarget {
    return { dialect: "mysql", driver: "mariadb", ...this.endpoint, database };
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts (or restarts) the server on the same data directory and port; resolves once it answers. */
  async start(): Promise<void> {
    if (this.running) return;
    const child = spawn(
      MARIADBD,
      [
        "--no-defaults",
        `--datadir=${path.join(this.dir, "data")}`,
        `--socket=${path.join(this.dir, "s.sock")}`,
        `--tmpdir=${path.join(this.dir, "tmp")}`,
        `--pid-file=${path.join(this.dir, "mariadbd.pid")}`,
        `--log-error=${path.join(this.dir, "error.log")}`,
        `--port=${this.port}`,
        "--bind-address=127.0.0.1",
        "--skip-grant-tables",
        "--skip-name-resolve",
        "--innodb-buffer-pool-size=32M",
        "--innodb-log-file-size=8M",
        ...asRoot(),
        ...this.extraArgs,
      ],
      { stdio: "ignore" },
    );
    this.child = child;
    started.add(child);
    child.once("exit", () => started.delete(child));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (!this.running) throw new Error(`mariadbd "${this.name}" exited at start-up:\n${this.errorLogTail()}`);
      try {
        await this.query("SELECT 1");
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`mariadbd "${this.name}" did not answer within 30 s: ${(error as Error).message}\n${this.errorLogTail()}`);
        await sleep(100);
      }
    }
  }

  /** SIGTERM, as an operator's `systemctl stop` does; resolves once the process has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  }

  async destroy(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** One statement on a connection of its own (so it works while the app's pool is broken). */
  async query<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    const connection = await mysql.createConnection({ host: "127.0.0.1", port: this.port, user: "root", password: "", connectTimeout: 2000 });
    try {
      const [rows] = await connection.query(sql, params);
      return rows as T;
    } finally {
      await connection.end();
    }
  }

  errorLogTail(lines = 20): string {
    try {
      return fs.readFileSync(path.join(this.dir, "error.log"), "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "(no error log)";
    }
  }
}

function asRoot(): string[] {
  return process.getuid?.() === 0 ? ["--user=root"] : [];
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns the milliseconds it took. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000, intervalMs = 100): Promise<number> {
  const started = Date.now();
  for (;;) {
    let lastError: unknown;
    try {
      if (await check()) return Date.now() - started;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ""}`);
    }
    await sleep(intervalMs);
  }
}

import "reflect-metadata";
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import type { DataSource } from "typeorm";
import { PROJECT_ROOT } from "../src/config";
import { createDataSource, parseDatabaseUrl, type DatabaseTarget } from "../src/db/data-source";
import { migrate } from "../src/db/migrate";
import { OrgKind } from "../src/entities";
import { createApp } from "../src/http/app";
import { setLogLevel } from "../src/logger";
import { AccountService } from "../src/services/auth/account.service";
import { pathSegment } from "../src/services/organization-path";
import { PeriodService } from "../src/services/period/period.service";
import { rollupService } from "../src/services/scoring/rollup.service";
import { systemContext } from "../src/services/system-context";

/**
 * Memory and time of the streaming exports (src/http/exports) at 10^6 rows:
 *
 *   node -r ./tests/ops/ts-register.js bench/export.bench.ts [--db sqlite|mariadb://root@127.0.0.1:3306]
 *        [--rows 1000000] [--slow-client MBps] [--repeat N] [--formats csv,xlsx] [--out docs/benchmarks.md] [--keep] [--timeline]
 *
 * 1. Loads a tree of `rows` assessed organisations (a province committee, its working
 *    committee, 1,000 organ committees with their branches) straight into the tables with
 *    multi-row INSERTs, creates the period and builds its roll-ups (RollupService.ensureBuilt,
 *    the same set-based build a first score import runs).
 * 2. Starts the real app (createApp) in a child process that has done nothing else, and that
 *    reports process.memoryUsage() every 100 ms over IPC; the loading above never touches its heap.
 * 3. Warms it up with a small export, takes the idle baseline, then downloads
 *    /exports/scores.csv and /exports/scores.xlsx of the whole period through HTTP, reading
 *    (and discarding) the body as it comes, counting bytes and CSV lines. With --slow-client,
 *    both are downloaded again at that many MB/s, to show that backpressure keeps a slow
 *    reader's file in the database and not in memory.
 *
 * Growth = peak sample during the download − idle baseline (RSS, and V8 heap used).
 * The results replace this database's subsection under "## Exports" in the output file.
 */
interface Options {
  db: string;
  rows: number;
  slowClientMBps: number | null;
  out: string;
  keep: boolean;
  /** Print RSS and heap growth every 5 s of each download. */
  timeline: boolean;
  /** Downloads per export, each in a fresh server (GC timing varies from run to run). */
  repeat: number;
  formats: ("csv" | "xlsx")[];
}

const PERIOD = "2026-H1";
const ORGAN_COMMITTEES = 1000;
const ADMIN_PASSWORD = "bench-admin-password";
const JWT_SECRET = "zeren-export-bench-secret-of-32-characters";

function parseArgs(argv: string[]): Options {
  const options: Options = { db: "sqlite", rows: 1_000_000, slowClientMBps: null, out: path.join(PROJECT_ROOT, "docs", "benchmarks.md"), keep: false, timeline: false, repeat: 1, formats: ["csv", "xlsx"] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--db") options.db = value();
    else if (arg === "--rows") options.rows = Number(value());
    else if (arg === "--slow-client") options.slowClientMBps = Number(value());
    else if (arg === "--out") options.out = path.resolve(process.cwd(), value());
    else if (arg === "--keep") options.keep = true;
    else if (arg === "--timeline") options.timeline = true;
    else if (arg === "--repeat") options.repeat = Number(value());
    else if (arg === "--formats") options.formats = value().split(",") as Options["formats"];
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(options.rows) || options.rows < ORGAN_COMMITTEES + 1) throw new Error(`--rows must be an integer above ${ORGAN_COMMITTEES}`);
  return options;
}

const log = (line: string) => process.stdout.write(line + "\n");
const mb = (bytes: number) => bytes / 2 ** 20;

// ---------------------------------------------------------------------------------------
// The server child: the real app over the prepared database, reporting its memory.

interface Sample {
  t: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

async function serve(target: DatabaseTarget): Promise<void> {
  setLogLevel("warn");
  const dataSource = createDataSource(target);
  await dataSource.initialize();
  const { httpServer } = await createApp({ dataSource, production: true, auth: { jwtSecret: JWT_SECRET, tokenTtlSeconds: 3600 }, introspection: false });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const send = (message: unknown) => process.send!(message);
  send({ type: "listening", port: (httpServer.address() as AddressInfo).port });
  setInterval(() => {
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    send({ type: "sample", sample: { t: Date.now(), rss, heapUsed, external, arrayBuffers } satisfies Sample });
  }, 100);
  process.on("disconnect", () => process.exit(0));
}

// ---------------------------------------------------------------------------------------
// The data: direct multi-row INSERTs (an import through the services would take minutes and
// is measured elsewhere, bench/run.ts).

interface Database {
  dataSource: DataSource;
  target: DatabaseTarget;
  label: string;
  version: string;
  drop(): Promise<void>;
}

async function openDatabase(options: Options): Promise<Database> {
  if (options.db === "sqlite") {
    const file = path.join(os.tmpdir(), `zeren-export-bench-${process.pid}.sqlite`);
    const target: DatabaseTarget = { dialect: "sqlite", file };
    const dataSource = createDataSource(target);
    await dataSource.initialize();
    const [{ v }] = await dataSource.query("SELECT sqlite_version() AS v");
    return {
      dataSource,
      target,
      label: "SQLite",
      version: `SQLite ${v} (better-sqlite3, WAL, file in ${os.tmpdir()})`,
      drop: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        if (!options.keep) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  const server = new URL(options.db);
  const name = "zeren_bench_exports";
  const connect = () =>
    mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username || "root"), password: decodeURIComponent(server.password) });
  const admin = await connect();
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const credentials = server.username ? `${server.username}${server.password ? `:${server.password}` : ""}@` : "";
  const target = parseDatabaseUrl(`${server.protocol}//${credentials}${server.host}/${name}`, "");
  const dataSource = createDataSource(target);
  await dataSource.initialize();
  const [{ v }] = await dataSource.query("SELECT VERSION() AS v");
  return {
    dataSource,
    target,
    label: "MariaDB",
    version: `MariaDB ${v} (InnoDB, server defaults, same machine)`,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (options.keep) return;
      const again = await connect();
      await again.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await again.end();
    },
  };
}

/**
 * 1 province committee → 1 working committee → 1,000 organ committees → branches, so that
 * exactly `rows` organisations (all but the top two) are assessed. Ids are 1…n in tree
 * order; scores vary deterministically, so hot spots and grades are mixed.
 */
async function load(db: Database, rows: number): Promise<void> {
  const { dataSource } = db;
  const mysqlDialect = db.target.dialect === "mysql";
  const batch = mysqlDialect ? 1000 : 500;
  const branchesPerCommittee = Math.floor((rows - ORGAN_COMMITTEES) / ORGAN_COMMITTEES);
  const extra = rows - ORGAN_COMMITTEES - branchesPerCommittee * ORGAN_COMMITTEES;

  const organizations: unknown[][] = [];
  const assessments: unknown[][] = [];
  const runner = dataSource.createQueryRunner("master");
  await runner.connect();
  await runner.startTransaction();
  let periodId = 0;
  const flush = async (force = false) => {
    // An assessment needs its organisation's row first (foreign key).
    const orgsToo = force || assessments.length >= batch;
    while (organizations.length >= batch || (orgsToo && organizations.length > 0)) {
      const chunk = organizations.splice(0, batch);
      await runner.query(
        `INSERT INTO organization (id, code, name, kind, level, region_code, member_count, status, parent_id, path, depth) VALUES ${chunk.map(() => "(?,?,?,?,?,?,?,?,?,?,?)").join(",")}`,
        chunk.flat(),
      );
    }
    while (assessments.length >= batch || (force && assessments.length > 0)) {
      const chunk = assessments.splice(0, batch);
      await runner.query(
        `INSERT INTO assessment (period_id, organization_id, score_hundredths, grade, source, provenance, updated_by) VALUES ${chunk.map(() => "(?,?,?,?,?,?,?)").join(",")}`,
        chunk.flat(),
      );
    }
  };
  try {
    const period = await new PeriodService().create(systemContext(dataSource, "bench"), PERIOD);
    periodId = period.id;
    const now = new Date().toISOString();
    const org = (id: number, code: string, name: string, kind: OrgKind, parentId: number | null, path: string, depth: number) =>
      organizations.push([id, code, name, kind, "PROVINCE", "510000", 20, "ACTIVE", parentId, path, depth]);
    const assess = (id: number, hundredths: number, line: number) =>
      assessments.push([
        periodId,
        id,
        hundredths,
        hundredths >= 9000 ? "EXCELLENT" : hundredths >= 8000 ? "GOOD" : hundredths >= 6000 ? "FAIR" : "POOR",
        "IMPORTED",
        JSON.stringify({
          source: "IMPORTED",
          period: PERIOD,
          score: (hundredths / 100).toFixed(2),
          line,
          importedBy: "bench",
          importedAt: now,
          replaced: null,
          grade: { thresholds: { EXCELLENT: 90, GOOD: 80, FAIR: 60 }, byThreshold: "GOOD", grade: "GOOD", override: null },
        }),
        "bench",
      ]);
    const rootPath = pathSegment(1);
    const wcPath = rootPath + pathSegment(2);
    org(1, "SC", "四川省委", OrgKind.LOCAL_COMMITTEE, null, rootPath, 0);
    org(2, "SC-GW", "四川省直机关工委", OrgKind.WORKING_COMMITTEE, 1, wcPath, 1);
    let id = 2;
    let line = 1;
    for (let c = 1; c <= ORGAN_COMMITTEES; c++) {
      const committeeId = ++id;
      const committeePath = wcPath + pathSegment(committeeId);
      const code = `SC-OC${String(c).padStart(4, "0")}`;
      org(committeeId, code, `四川省第${c}厅机关党委`, OrgKind.ORGAN_COMMITTEE, 2, committeePath, 2);
      assess(committeeId, 7000 + ((c * 37) % 2900), ++line);
      const branches = branchesPerCommittee + (c <= extra ? 1 : 0);
      for (let b = 1; b <= branches; b++) {
        const branchId = ++id;
        org(branchId, `${code}-B${String(b).padStart(4, "0")}`, `四川省第${c}厅机关第${b}党支部`, OrgKind.BRANCH, committeeId, committeePath + pathSegment(branchId), 3);
        assess(branchId, 5000 + ((c * 131 + b * 17) % 5000), ++line);
      }
      await flush();
    }
    await flush(true);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
  const [{ n }] = await dataSource.query("SELECT COUNT(*) AS n FROM assessment WHERE period_id = ?", [periodId]);
  if (Number(n) !== rows) throw new Error(`loaded ${n} assessments, expected ${rows}`);
  // The organisation ids were chosen here; move the allocator past them for any later write.
  await dataSource.query("UPDATE id_sequence SET next_value = ? WHERE name = ?", [rows + 3, "organization"]);
  const ctx = systemContext(dataSource, "bench");
  await rollupService.ensureBuilt(ctx, await new PeriodService().requireByCode(ctx, PERIOD));
  await new AccountService().ensureFirstAdministrator(ctx, ADMIN_PASSWORD);
}

/**
 * src/ and bench/ transpiled file by file (no type check, a few seconds) into
 * node_modules/.cache, where the project's node_modules resolve; returns this file's copy.
 * Not dist/: other work may be building there.
 */
function transpileForChild(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require("typescript") as typeof import("typescript");
  const outDir = path.join(PROJECT_ROOT, "node_modules", ".cache", "zeren-export-bench");
  const { config } = ts.readConfigFile(path.join(PROJECT_ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, PROJECT_ROOT);
  const compilerOptions = { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false, declaration: false };
  delete compilerOptions.moduleResolution;
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
    });
  for (const file of [...walk(path.join(PROJECT_ROOT, "src")), ...walk(path.join(PROJECT_ROOT, "bench"))]) {
    const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), { compilerOptions, fileName: file });
    const target = path.join(outDir, path.relative(PROJECT_ROOT, file)).replace(/\.ts$/, ".js");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
  }
  return path.join(outDir, "bench", "export.bench.js");
}

// ---------------------------------------------------------------------------------------
// The measurement.

interface Server {
  child: ChildProcess;
  sampler: Sampler;
  url: string;
  token: string;
  baseline: Sample;
}

/** A server child, logged in, warmed up (both formats of one organ committee's subtree), idle for 2 s. */
async function startServer(entry: string, target: DatabaseTarget): Promise<Server> {
  const child = fork(entry, ["--serve", JSON.stringify(target)], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const sampler = new Sampler(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.on("message", (message: { type: string; port?: number }) => message.type === "listening" && resolve(message.port!));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const token = await login(url);
  const under = Buffer.from("Organization:3").toString("base64url");
  for (const format of ["csv", "xlsx"]) await download(`${url}/exports/scores.${format}?period=${PERIOD}&under=${under}`, token);
  await sleep(2000);
  return { child, sampler, url, token, baseline: sampler.median(1500) };
}

interface Run {
  name: string;
  rows: number;
  bytes: number;
  seconds: number;
  baselineRss: number;
  peakRssGrowth: number;
  peakHeapGrowth: number;
  peakExternalGrowth: number;
  longestPauseMs: number;
}

/**
 * Memory samples of the server child. The child reports process.memoryUsage() every 100 ms,
 * but only between its own tasks; so on Linux this process also reads the child's RSS from
 * /proc/<pid>/statm every 100 ms, independently of how busy the child's event loop is, and
 * the peak RSS is the larger of the two series.
 */
class Sampler {
  samples: Sample[] = [];
  rss: { t: number; rss: number }[] = [];
  private readonly timer: NodeJS.Timeout | null = null;

  constructor(child: ChildProcess) {
    child.on("message", (message: { type: string; sample?: Sample }) => {
      if (message.type === "sample") this.samples.push(message.sample!);
    });
    const statm = `/proc/${child.pid}/statm`;
    if (fs.existsSync(statm)) {
      this.timer = setInterval(() => {
        try {
          const resident = Number(fs.readFileSync(statm, "utf8").split(" ")[1]);
          this.rss.push({ t: Date.now(), rss: resident * PAGE_SIZE });
        } catch {
          // The child has exited.
        }
      }, 100);
      child.once("exit", () => clearInterval(this.timer!));
    }
  }

  /** The median of the samples of the last `ms` (an idle baseline without a lucky GC or an unlucky spike). */
  median(ms: number): Sample {
    const since = Date.now() - ms;
    const recent = this.samples.filter((s) => s.t >= since);
    const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const rss = this.rss.filter((s) => s.t >= since);
    return {
      t: Date.now(),
      rss: rss.length > 0 ? mid(rss.map((s) => s.rss)) : mid(recent.map((s) => s.rss)),
      heapUsed: mid(recent.map((s) => s.heapUsed)),
      external: mid(recent.map((s) => s.external)),
      arrayBuffers: mid(recent.map((s) => s.arrayBuffers)),
    };
  }

  peak(from: number, to: number): Sample & { samples: number; maxGapMs: number } {
    const during = this.samples.filter((s) => s.t >= from && s.t <= to + 150);
    const rss = this.rss.filter((s) => s.t >= from && s.t <= to + 150);
    const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), -Infinity);
    const gaps = during.map((s, i) => (i === 0 ? s.t - from : s.t - during[i - 1].t));
    return {
      t: to,
      rss: Math.max(max(during.map((s) => s.rss)), max(rss.map((s) => s.rss))),
      heapUsed: max(during.map((s) => s.heapUsed)),
      external: max(during.map((s) => s.external)),
      arrayBuffers: max(during.map((s) => s.arrayBuffers)),
      samples: during.length,
      maxGapMs: max(gaps),
    };
  }
}

/** /proc/<pid>/statm counts pages; 4 KiB on the x86-64 and arm64 Linux this runs on. */
const PAGE_SIZE = 4096;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function login(url: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }", variables: { u: "admin", p: ADMIN_PASSWORD } }),
  });
  const body = (await response.json()) as { data?: { login: { token: string } }; errors?: unknown };
  if (!body.data) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.token;
}

/** Downloads and discards a file as it arrives; counts bytes and LF (one per CSV row); optionally at a throttled rate. */
async function download(url: string, token: string, bytesPerSecond: number | null = null): Promise<{ bytes: number; lines: number; tail: Buffer }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  let bytes = 0;
  let lines = 0;
  let tail = Buffer.alloc(0);
  const started = Date.now();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) lines++;
    tail = Buffer.concat([tail, Buffer.from(chunk)]).subarray(-64);
    if (bytesPerSecond !== null) {
      const ahead = bytes / bytesPerSecond - (Date.now() - started) / 1000;
      if (ahead > 0) await sleep(ahead * 1000);
    }
  }
  return { bytes, lines, tail };
}

async function measure(sampler: Sampler, baseline: Sample, name: string, timeline: boolean, run: () => Promise<{ rows: number; bytes: number }>): Promise<Run> {
  const from = Date.now();
  const { rows, bytes } = await run();
  const to = Date.now();
  await sleep(250);
  const peak = sampler.peak(from, to);
  const result: Run = {
    name,
    rows,
    bytes,
    seconds: (to - from) / 1000,
    baselineRss: baseline.rss,
    peakRssGrowth: peak.rss - baseline.rss,
    peakHeapGrowth: peak.heapUsed - baseline.heapUsed,
    peakExternalGrowth: peak.external - baseline.external,
    longestPauseMs: peak.maxGapMs,
  };
  log(
    `  ${name.padEnd(44)} ${rows.toLocaleString("en")} rows, ${mb(bytes).toFixed(1)} MiB in ${result.seconds.toFixed(1)} s; ` +
      `peak growth RSS ${mb(result.peakRssGrowth).toFixed(1)} MiB, heap ${mb(result.peakHeapGrowth).toFixed(1)} MiB, external ${mb(result.peakExternalGrowth).toFixed(1)} MiB ` +
      `(${peak.samples} heap samples, longest gap ${peak.maxGapMs} ms)`,
  );
  if (timeline) {
    for (let t = from; t < to; t += 5000) {
      const at = sampler.samples.find((s) => s.t >= t);
      const rss = sampler.rss.find((s) => s.t >= t);
      if (at) log(`    t+${((t - from) / 1000).toFixed(0).padStart(3)} s: RSS +${mb((rss ?? at).rss - baseline.rss).toFixed(0)} MiB, heap +${mb(at.heapUsed - baseline.heapUsed).toFixed(0)} MiB`);
    }
  }
  return result;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--serve") return serve(JSON.parse(argv[1]) as DatabaseTarget);
  const options = parseArgs(argv);
  setLogLevel("warn");
  const db = await openDatabase(options);
  let child: ChildProcess | null = null;
  try {
    await migrate(db.dataSource);
    log(`Loading ${options.rows.toLocaleString("en")} assessed organisations into ${db.label} …`);
    const loadStarted = Date.now();
    await load(db, options.rows);
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    log(`  loaded and built roll-ups in ${loadSeconds.toFixed(1)} s`);
    // The child opens the database itself; this process keeps no connection to it.
    await db.dataSource.destroy();

    // The server runs plain JavaScript, as in production: a TypeScript require hook would load
    // the compiler into its heap and skew both the baseline and V8's GC thresholds.
    const entry = transpileForChild();
    const plans: { name: string; format: "csv" | "xlsx"; bytesPerSecond: number | null }[] = [];
    for (const format of options.formats) {
      plans.push({ name: `scores.${format}, whole period`, format, bytesPerSecond: null });
      if (options.slowClientMBps !== null) plans.push({ name: `scores.${format}, client reading ${options.slowClientMBps} MB/s`, format, bytesPerSecond: options.slowClientMBps * 1e6 });
    }
    const runs: Run[] = [];
    for (const plan of plans) {
      for (let attempt = 0; attempt < options.repeat; attempt++) {
        // A fresh server per download, so garbage a previous download left uncollected is
        // neither counted against this one nor hidden in its baseline.
        const server = await startServer(entry, db.target);
        child = server.child;
        try {
          log(`  idle server after warm-up: RSS ${mb(server.baseline.rss).toFixed(1)} MiB, heap used ${mb(server.baseline.heapUsed).toFixed(1)} MiB`);
          runs.push(
            await measure(server.sampler, server.baseline, plan.name, options.timeline, async () => {
              const file = await download(`${server.url}/exports/scores.${plan.format}?period=${PERIOD}`, server.token, plan.bytesPerSecond);
              if (plan.format === "csv" && file.lines !== options.rows + 1) throw new Error(`CSV has ${file.lines} lines, expected ${options.rows + 1}`);
              // A complete zip ends with its end-of-central-directory record (PK\x05\x06 …).
              if (plan.format === "xlsx" && file.tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) throw new Error("XLSX is not a complete zip");
              return { rows: options.rows, bytes: file.bytes };
            }),
          );
        } finally {
          child.kill();
          child = null;
        }
      }
    }
    writeResults(options, db, runs, loadSeconds);
  } finally {
    child?.kill();
    await db.drop();
  }
}

function writeResults(options: Options, db: Database, runs: Run[], loadSeconds: number): void {
  const cpu = os.cpus()[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
  const start = `<!-- exports-bench:${db.label} -->`;
  const end = `<!-- /exports-bench:${db.label} -->`;
  const section = [
    start,
    `### Exports, ${db.label}`,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)}: ${options.rows.toLocaleString("en")} own scores of one period (loaded and rolled up in ${loadSeconds.toFixed(0)} s); ${db.version}; Node ${process.version}; ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB.`,
    `Command: \`node -r ./tests/ops/ts-register.js bench/export.bench.ts --db ${db.label === "SQLite" ? "sqlite" : "mariadb://root@127.0.0.1:3306"} --rows ${options.rows}` +
      `${options.repeat > 1 ? ` --repeat ${options.repeat}` : ""}${options.slowClientMBps !== null ? ` --slow-client ${options.slowClientMBps}` : ""}\``,
    "",
    "Each download is streamed through HTTP from a fresh server process (the real app, plain JavaScript) that has served a warm-up export and idled 2 s.",
    "Growth = peak during the download − that idle server's median: RSS read from /proc every 100 ms by the benchmark, V8 heap reported by the server every 100 ms.",
    "\"Longest pause\" is the longest gap between two of the server's own samples: how long its event loop went without serving anything else.",
    "",
    "| export | rows | size | time | rows/s | peak RSS growth | peak heap growth | longest pause |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...runs.map(
      (run) =>
        `| ${run.name} | ${run.rows.toLocaleString("en")} | ${mb(run.bytes).toFixed(1)} MiB | ${run.seconds.toFixed(1)} s | ${Math.round(run.rows / run.seconds).toLocaleString("en")} | ` +
        `${mb(run.peakRssGrowth).toFixed(1)} MiB | ${mb(run.peakHeapGrowth).toFixed(1)} MiB | ${run.longestPauseMs} ms |`,
    ),
    `Idle server RSS: ${mb(runs[0]?.baselineRss ?? 0).toFixed(0)} MiB.`,
    end,
  ].join("\n");

  let text = fs.existsSync(options.out) ? fs.readFileSync(options.out, "utf8") : "# Benchmarks\n";
  const at = text.indexOf(start);
  if (at >= 0) {
    text = text.slice(0, at) + section + text.slice(text.indexOf(end) + end.length);
  } else {
    if (!/^## Exports$/m.test(text)) text = text.replace(/\s*$/, "\n\n## Exports\n");
    text = text.replace(/\s*$/, "\n\n" + section + "\n");
  }
  fs.writeFileSync(options.out, text);
  log(`Wrote ${path.relative(PROJECT_ROOT, options.out)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

import "./production-mode";
import "reflect-metadata";
import { fork } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import type { DataSource } from "typeorm";
import { PROJECT_ROOT } from "../src/config";
import { createDataSource, parseDatabaseUrl, type DatabaseTarget } from "../src/db/data-source";
import { migrate } from "../src/db/migrate";
import { withStatementTally } from "../src/db/statement-counter";
import { OrgKind, OrgStatus, type OrganizationEntity } from "../src/entities";
import { createApp, GRAPHQL_PATH, STATEMENT_COUNT_HEADER } from "../src/http/app";
import { subtreeRange } from "../src/services/organization-path";
import { AccountService } from "../src/services/auth/account.service";
import { toGlobalId } from "../src/schema/global-id";
import { EvaluationKind } from "../src/entities/scoring-enums";
import { setLogLevel } from "../src/logger";
import { OrganizationImportService } from "../src/services/organization-import.service";
import { OrganizationTreeService } from "../src/services/organization-tree.service";
import { AssessmentService } from "../src/services/scoring/assessment.service";
import { LevelGrouping, PressureQueryService } from "../src/services/scoring/pressure-query.service";
import { RollupRepairService } from "../src/services/scoring/rollup-repair.service";
import { RollupMethod } from "../src/services/scoring/rollup-view";
import { ScoreImportService } from "../src/services/scoring/score-import.service";
import { systemContext } from "../src/services/system-context";
import { generate, PRESETS, Random } from "./generate";

/**
 * npm run bench -- [--preset province|national|small] [--db sqlite|mariadb://root@127.0.0.1:3306]
 *                  [--seed N] [--iterations N] [--out docs/benchmarks.md] [--keep]
 *
 * Generates a seeded tree and its scores, loads them through the project's own import path
 * (OrganizationImportService.importCsv, then ScoreImportService.importCsv, which builds the
 * period's roll-ups), then times the pressure-transmission reads, single score writes, a
 * subtree move and a full recompute, each in a fresh request context (new loaders), and
 * counts the SQL statements of each. Results go to stdout and to a section of the output
 * file (one section per preset and database, replaced on a re-run).
 *
 * Service-level timings, except one group measured through GraphQL over real HTTP (createApp on a
 * free port, non-production): the frontend's browse query (root → 50 children → 50 each, with
 * assessment and roll-up) and the root's roll-up, the latter against the same aggregate
 * computed on the fly by one SQL query; their statements come from the x-zeren-sql-statements header.
 * A MariaDB run creates the database zeren_bench_<preset> and drops it afterwards (--keep keeps it).
 */
interface Options {
  preset: string;
  db: string;
  seed: number;
  iterations: number;
  out: string;
  keep: boolean;
}

const PERIOD = "2026-H1";

function parseArgs(argv: string[]): Options {
  const options: Options = { preset: "province", db: "sqlite", seed: 2026, iterations: 30, out: path.join(PROJECT_ROOT, "docs", "benchmarks.md"), keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--preset") options.preset = value();
    else if (arg === "--db") options.db = value();
    else if (arg === "--seed") options.seed = Number(value());
    else if (arg === "--iterations") options.iterations = Number(value());
    else if (arg === "--out") options.out = path.resolve(process.env.INIT_CWD ?? process.cwd(), value());
    else if (arg === "--keep") options.keep = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!PRESETS[options.preset]) throw new Error(`unknown preset ${options.preset}: ${Object.keys(PRESETS).join(", ")}`);
  return options;
}

interface Measurement {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  statements: string;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; statements: number; result: T }> {
  const tally = { count: 0 };
  const started = process.hrtime.bigint();
  const result = await withStatementTally(tally, fn);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, statements: tally.count, result };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Times op `runs` times after one warm-up. Statements are counted in this process, unless
 * `statementsOf` reads them from the result (HTTP requests: the server's response header).
 */
async function measure<T>(name: string, runs: number, op: (i: number) => Promise<T>, statementsOf?: (result: T) => number): Promise<Measurement> {
  await op(-1); // warm-up, not counted
  const times: number[] = [];
  const statements: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, statements: n, result } = await time(() => op(i));
    times.push(ms);
    statements.push(statementsOf ? statementsOf(result) : n);
  }
  return summarize(name, runs, times, statements);
}

/** Median, p95 and the range of statement counts of a series of runs; logged as it is made. */
function summarize(name: string, runs: number, times: number[], statements: number[]): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  const low = Math.min(...statements);
  const high = Math.max(...statements);
  const m = { name, runs, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted[sorted.length - 1], statements: low === high ? String(low) : `${low}–${high}` };
  log(`  ${name.padEnd(58)} median ${fmt(m.medianMs)}  p95 ${fmt(m.p95Ms)}  statements ${m.statements}`);
  return m;
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)).padStart(7) + " ms";
const log = (line: string) => process.stdout.write(line + "\n");

async function openDatabase(options: Options): Promise<{ dataSource: DataSource; label: string; version: string; drop: () => Promise<void> }> {
  if (options.db === "sqlite") {
    const file = path.join(os.tmpdir(), `zeren-bench-${options.preset}-${process.pid}.sqlite`);
    const dataSource = createDataSource({ dialect: "sqlite", file });
    await dataSource.initialize();
    const [{ v }] = await dataSource.query("SELECT sqlite_version() AS v");
    return {
      dataSource,
      label: "SQLite",
      version: `SQLite ${v} (better-sqlite3, WAL, file in ${os.tmpdir()})`,
      drop: async () => {
        await dataSource.destroy();
        if (!options.keep) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  const server = new URL(options.db);
  const name = `zeren_bench_${options.preset}`;
  const admin = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username || "root"), password: decodeURIComponent(server.password) });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const target: DatabaseTarget = parseDatabaseUrl(`${server.protocol}//${server.username ? `${server.username}${server.password ? `:${server.password}` : ""}@` : ""}${server.host}/${name}`, "");
  const dataSource = createDataSource(target);
  await dataSource.initialize();
  const [{ v }] = await dataSource.query("SELECT VERSION() AS v");
  return {
    dataSource,
    label: "MariaDB",
    version: `MariaDB ${v} (InnoDB, server defaults, same machine)`,
    drop: async () => {
      await dataSource.destroy();
      if (!options.keep) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  setLogLevel("warn");
  const preset = PRESETS[options.preset];
  log(`Zeren benchmark: preset ${preset.name}, seed ${options.seed}, database ${options.db}`);

  let started = Date.now();
  const data = generate(preset, options.seed, PERIOD);
  const generatedMs = Date.now() - started;
  const assessedCount = data.scoresCsv.split("\n").length - 2;
  log(`  generated ${data.orgs.length} organisations and ${assessedCount} scores in ${generatedMs} ms`);

  const db = await openDatabase(options);
  const ctx = () => systemContext(db.dataSource, "bench");
  try {
    await migrate(db.dataSource);
    const loads: { name: string; ms: number; statements: number }[] = [];
    const orgImport = await time(() => new OrganizationImportService().importCsv(ctx(), data.orgsCsv));
    loads.push({ name: `import ${data.orgs.length} organisations (OrganizationImportService.importCsv)`, ms: orgImport.ms, statements: orgImport.statements });
    log(`  ${loads[0].name}: ${fmt(orgImport.ms)}, ${orgImport.statements} statements`);
    const scoreImport = await time(() => new ScoreImportService().importCsv(ctx(), data.scoresCsv));
    loads.push({ name: `import ${assessedCount} scores, creating the period and building its roll-ups (ScoreImportService.importCsv)`, ms: scoreImport.ms, statements: scoreImport.statements });
    log(`  ${loads[1].name}: ${fmt(scoreImport.ms)}, ${scoreImport.statements} statements`);

    const random = new Random(options.seed + 1);
    const query = new PressureQueryService();
    const byCode = async (codes: string[], count: number) => {
      const picked = Array.from({ length: count }, () => codes[Math.floor(random.next() * codes.length)]);
      const rows: OrganizationEntity[] = [];
      for (const code of picked) rows.push((await db.dataSource.manager.findOneByOrFail("OrganizationEntity", { code })) as OrganizationEntity);
      return rows;
    };
    const root = (await byCode([preset.national ? "ZY" : "P11"], 1))[0];
    const localCommittees = data.orgs.filter((o) => o.kind === OrgKind.LOCAL_COMMITTEE);
    const cities = await byCode(localCommittees.filter((o) => o.level === "CITY").map((o) => o.code), 20);
    const counties = await byCode(localCommittees.filter((o) => o.level === "COUNTY").map((o) => o.code), 40);
    const branches = await byCode(data.byKind.get(OrgKind.BRANCH)!, 100);
    const period = await query.requirePeriod(ctx(), PERIOD);
    const n = options.iterations;
    const pick = <T>(pool: T[], i: number) => pool[(i + pool.length) % pool.length];

    log("Reads (fresh request context each time):");
    const reads: Measurement[] = [];
    reads.push(await measure(`rollup of the root (SUBTREE_MEAN)`, n, () => query.rollup(ctx(), root, period, RollupMethod.SUBTREE_MEAN)));
    reads.push(await measure(`rollup of a county (MEAN_OF_CHILDREN)`, n, (i) => query.rollup(ctx(), pick(counties, i), period, RollupMethod.MEAN_OF_CHILDREN)));
    reads.push(await measure(`pressureChain of a branch`, n, (i) => query.pressureChain(ctx(), pick(branches, i), period)));
    reads.push(await measure(`levelProfile of the root by KIND`, n, () => query.levelProfile(ctx(), root, period, LevelGrouping.KIND)));
    reads.push(await measure(`levelProfile of a city by DEPTH`, n, (i) => query.levelProfile(ctx(), pick(cities, i), period, LevelGrouping.DEPTH)));
    reads.push(await measure(`attenuationHotspots under the root, first 20`, n, () => query.hotspots(ctx(), { period, under: root, first: 20 })));
    reads.push(await measure(`attenuationHotspots, whole forest, kind PARTY_GROUP, first 20`, n, () => query.hotspots(ctx(), { period, under: null, kind: OrgKind.PARTY_GROUP, first: 20 })));
    reads.push(await measure(`attenuationHotspots under a city, first 20`, n, (i) => query.hotspots(ctx(), { period, under: pick(cities, i), first: 20 })));
    reads.push(await measure(`rankings under the root, first 20`, n, () => query.rankings(ctx(), { period, under: root, first: 20 })));
    reads.push(await measure(`rankings under a county, first 100`, n, (i) => query.rankings(ctx(), { period, under: pick(counties, i), first: 100 })));
    reads.push(await measure(`rankings, whole forest, kind BRANCH, first 20`, n, () => query.rankings(ctx(), { period, under: null, kind: OrgKind.BRANCH, first: 20 })));
    reads.push(await measure(`transmissionReport under the root`, Math.min(n, 10), () => query.transmissionReport(ctx(), period, root)));
    reads.push(await measure(`transmissionReport under a city`, n, (i) => query.transmissionReport(ctx(), period, pick(cities, i))));

    log("Through GraphQL over HTTP (createApp on a free port, non-production, logged-in administrator):");
    const graphql = await measureGraphQL(db.dataSource, root, PERIOD, period.id, n);

    log("Writes (each one transaction; roll-ups of the ancestors updated in it):");
    const writes: Measurement[] = [];
    const importer = new ScoreImportService();
    writes.push(await measure(`import one score (replaces, chain of ~${branches[0].depth + 1} rows)`, n, (i) =>
      importer.importCsv(ctx(), `org_code,period,score\n${pick(branches, i).code},${PERIOD},${60 + (Math.abs(i) % 40)}.${String(Math.abs(i) % 100).padStart(2, "0")}\n`),
    ));
    const assessments = new AssessmentService();
    const scored = new Set(data.scoresCsv.split("\n").map((line) => line.slice(0, line.indexOf(","))));
    const unassessed = await byCode(data.orgs.filter((o) => o.kind === OrgKind.BRANCH && !scored.has(o.code)).map((o) => o.code), 30);
    writes.push(await measure(`recordEvaluation + computed own score of a branch`, n, (i) =>
      assessments.recordEvaluation(ctx(), { organizationId: pick(unassessed, i).id, period: PERIOD, kind: EvaluationKind.COMMITTEE, score: 60 + (Math.abs(i) % 40) }),
    ));
    const tree = new OrganizationTreeService();
    const organCommittees = await byCode(data.byKind.get(OrgKind.ORGAN_COMMITTEE)!, 200);
    writes.push(await measure(`move a branch under another organ committee (one open period)`, n, async (i) => {
      const branch = await db.dataSource.manager.findOneByOrFail("OrganizationEntity", { id: pick(branches, i).id }) as OrganizationEntity;
      const target = organCommittees.find((oc, k) => k >= (Math.abs(i) * 7) % organCommittees.length && oc.level === branch.level && oc.id !== branch.parentId && oc.status === OrgStatus.ACTIVE);
      if (target) await tree.move(ctx(), branch.id, target.id);
    }));

    log("Full recompute:");
    const checksum = async () =>
      JSON.stringify(
        await db.dataSource.query(
          `SELECT COUNT(*) AS n, SUM(organization_count) AS a, SUM(assessed_count) AS b, SUM(score_sum) AS c, SUM(COALESCE(min_score, 0)) AS d,
                  SUM(COALESCE(max_score, 0)) AS e, SUM(excellent_count + 2 * good_count + 3 * fair_count + 4 * poor_count) AS f,
                  SUM(children_assessed_count) AS g, SUM(children_score_sum) AS h, SUM(COALESCE(attenuation_key, 0) % 1000003) AS i,
                  SUM(COALESCE(moc_value, 0) % 1000003) AS j, SUM(depth) AS k FROM score_rollup WHERE period_id = ?`,
          [period.id],
        ),
      ).replace(/"/g, "");
    const before = await checksum();
    const repair = new RollupRepairService();
    const recompute = await measure(`recomputeRollups(period) over every organisation`, options.preset === "national" ? 1 : 3, () => repair.recompute(ctx(), PERIOD, null));
    const after = await checksum();
    const agrees = before === after;
    log(`  incremental roll-ups ${agrees ? "equal" : "DIFFER FROM"} the full recompute (checksum of all rows: ${after})`);

    writeReport(options, db, data.orgs.length, assessedCount, generatedMs, loads, reads, graphql, writes, recompute, agrees);
  } finally {
    await db.drop();
  }
}

interface GraphQLFigures {
  measurements: Measurement[];
  rollup: Measurement;
  onTheFly: Measurement;
  ratio: number;
  serviceRatio: number;
  agree: boolean;
  figures: string;
  browseChildren: number;
  browseGrandchildren: number;
}

const BENCH_AUTH = { auth: { jwtSecret: "zeren-bench-secret-of-at-least-32-characters", tokenTtlSeconds: 3600 }, introspection: true };
const BENCH_ADMIN_PASSWORD = "bench-admin-password-2026";

const BROWSE_QUERY = `query Browse($id: ID!, $period: String!) {
  organization(id: $id) {
    id code name
    assessment(period: $period) { score grade }
    rollup(period: $period) { averageScore assessedCount attenuation }
    children(first: 50) {
      totalCount
      nodes {
        id code name
        assessment(period: $period) { score grade }
        rollup(period: $period) { averageScore assessedCount attenuation }
        children(first: 50) {
          totalCount
          nodes {
            id code name
            assessment(period: $period) { score grade }
            rollup(period: $period) { averageScore assessedCount attenuation }
          }
        }
      }
    }
  }
}`;

const ROLLUP_QUERY = `query Rollup($id: ID!, $period: String!) {
  organization(id: $id) { rollup(period: $period) { averageScore assessedCount organizationCount minScore maxScore } }
}`;

/**
 * The frontend's browse query and the root's roll-up through the whole stack (Express, Apollo,
 * type-graphql, loaders), against the same aggregate computed on the fly with one SQL query.
 */
async function measureGraphQL(dataSource: DataSource, root: OrganizationEntity, periodCode: string, periodId: number, n: number): Promise<GraphQLFigures> {
  const { httpServer, apollo } = await createApp({ dataSource, production: false, ...BENCH_AUTH });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}${GRAPHQL_PATH}`;
    await new AccountService().ensureFirstAdministrator(systemContext(dataSource, "bench"), BENCH_ADMIN_PASSWORD);
    const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: unknown };
      if (!response.ok || body.errors || !body.data) throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(body.errors ?? body)}`);
      return { data: body.data, statements: Number(response.headers.get(STATEMENT_COUNT_HEADER) ?? NaN) };
    };
    const login = await post("mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }", { u: "admin", p: BENCH_ADMIN_PASSWORD });
    const token: string = login.data.login.token;
    const variables = { id: toGlobalId("Organization", root.id), period: periodCode };

    const measurements: Measurement[] = [];
    const client = httpClient();
    const remote = (name: string, query: string) => client.measure(name, n, { url, token, query, variables, runs: n, statementHeader: STATEMENT_COUNT_HEADER });
    const browse = await post(BROWSE_QUERY, variables, token);
    const children: any[] = browse.data.organization.children.nodes;
    const browseChildren = children.length;
    const browseGrandchildren = children.reduce((sum, child) => sum + child.children.nodes.length, 0);
    measurements.push(
      await remote(`browse: root → children(first: 50) → children(first: 50), assessment + rollup each (${1 + browseChildren + browseGrandchildren} nodes)`, BROWSE_QUERY),
    );
    const rollup = await remote(`organization(id) { rollup } of the root (stored row)`, ROLLUP_QUERY);
    client.close();
    measurements.push(rollup);
    // Before the on-the-fly runs: at national scale they keep the connection idle for longer
    // than the server's keep-alive timeout, and the next request would race its closing.
    const stored = (await post(ROLLUP_QUERY, variables, token)).data.organization.rollup;

    const { lower, upper } = subtreeRange(root.path);
    const aggregate = () =>
      dataSource.query(
        `SELECT COUNT(*) AS organization_count, COUNT(a.score_hundredths) AS assessed_count, AVG(a.score_hundredths) AS average_hundredths,
                MIN(a.score_hundredths) AS min_hundredths, MAX(a.score_hundredths) AS max_hundredths
           FROM organization o
           LEFT JOIN assessment a ON a.organization_id = o.id AND a.period_id = ?
          WHERE o.path >= ? AND o.path < ? AND o.status = ?`,
        [periodId, lower, upper, OrgStatus.ACTIVE],
      ) as Promise<Record<string, number | string | null>[]>;
    const onTheFly = await measure(`same roll-up of the root computed on the fly (one SQL query, no HTTP)`, n, aggregate);
    measurements.push(onTheFly);

    const [live] = await aggregate();
    const num = (v: unknown) => (v == null ? null : Number(v));
    const liveFigures = {
      organizationCount: num(live.organization_count),
      assessedCount: num(live.assessed_count),
      averageScore: live.average_hundredths == null ? null : Math.round(Number(live.average_hundredths)) / 100,
      minScore: live.min_hundredths == null ? null : Number(live.min_hundredths) / 100,
      maxScore: live.max_hundredths == null ? null : Number(live.max_hundredths) / 100,
    };
    const agree =
      stored.organizationCount === liveFigures.organizationCount &&
      stored.assessedCount === liveFigures.assessedCount &&
      stored.minScore === liveFigures.minScore &&
      stored.maxScore === liveFigures.maxScore &&
      (stored.averageScore == null ? liveFigures.averageScore == null : Math.abs(stored.averageScore - (liveFigures.averageScore ?? NaN)) <= 0.01);
    const figures = `${stored.organizationCount} organisations, ${stored.assessedCount} assessed, mean ${stored.averageScore}, min ${stored.minScore}, max ${stored.maxScore}` +
      (agree ? "" : `; on the fly: ${JSON.stringify(liveFigures)}`);
    const ratio = onTheFly.medianMs / rollup.medianMs;
    const serviceTimes: number[] = [];
    const query = new PressureQueryService();
    const periodRow = await query.requirePeriod(systemContext(dataSource, "bench"), periodCode);
    for (let i = 0; i < n; i++) serviceTimes.push((await time(() => query.rollup(systemContext(dataSource, "bench"), root, periodRow, RollupMethod.SUBTREE_MEAN))).ms);
    const serviceRatio = onTheFly.medianMs / percentile(serviceTimes.sort((a, b) => a - b), 50);
    log(`  on the fly ÷ GraphQL roll-up: ${ratio.toFixed(0)}× (target ≥ 100×); ÷ service-level roll-up: ${serviceRatio.toFixed(0)}×; figures ${agree ? "agree" : "DIFFER"}: ${figures}`);
    return { measurements, rollup, onTheFly, ratio, serviceRatio, agree, figures, browseChildren, browseGrandchildren };
  } finally {
    await apollo.stop();
    if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  }
}

/** bench/http-client.ts in a child process: requests are timed where a frontend would time them. */
function httpClient() {
  const child = fork(path.join(__dirname, "http-client.js"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return {
    measure(name: string, runs: number, job: Record<string, unknown>): Promise<Measurement> {
      return new Promise((resolve, reject) => {
        child.once("message", (reply: { times?: number[]; statements?: number[]; error?: string }) => {
          if (reply.error || !reply.times || !reply.statements) return reject(new Error(reply.error ?? "no reply from the HTTP client"));
          resolve(summarize(name, runs, reply.times, reply.statements));
        });
        child.send(job);
      });
    },
    close(): void {
      child.kill();
    },
  };
}

function writeReport(
  options: Options,
  db: { label: string; version: string },
  organizations: number,
  assessed: number,
  generatedMs: number,
  loads: { name: string; ms: number; statements: number }[],
  reads: Measurement[],
  graphql: GraphQLFigures,
  writes: Measurement[],
  recompute: Measurement,
  agrees: boolean,
): void {
  const row = (m: Measurement) => `| ${m.name} | ${m.runs} | ${m.medianMs.toFixed(2)} | ${m.p95Ms.toFixed(2)} | ${m.statements} |`;
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const section = [
    `<!-- bench:${options.preset}:${db.label} -->`,
    `### ${options.preset}, ${db.label}`,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)}: ${organizations.toLocaleString("en")} organisations, ${assessed.toLocaleString("en")} own scores (seed ${options.seed}); ${db.version}; Node ${process.version}; ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB.`,
    `Command: \`npm run bench -- --preset ${options.preset} --db ${options.db === "sqlite" ? "sqlite" : "mariadb://root@127.0.0.1:3306"} --seed ${options.seed} --iterations ${options.iterations}\``,
    "",
    "| load | time | statements |",
    "|---|---:|---:|",
    `| generate the CSV files | ${(generatedMs / 1000).toFixed(1)} s | – |`,
    ...loads.map((l) => `| ${l.name} | ${(l.ms / 1000).toFixed(1)} s | ${l.statements} |`),
    "",
    "| operation | runs | median ms | p95 ms | statements |",
    "|---|---:|---:|---:|---:|",
    ...reads.map(row),
    ...writes.map(row),
    row(recompute),
    "",
    "Through GraphQL over real HTTP (`createApp` on a free port, non-production so that the server reports its statements in `" + STATEMENT_COUNT_HEADER + "`; times are those of a client in a separate process, from sending the request to the parsed JSON):",
    "",
    "| request | runs | median ms | p95 ms | statements |",
    "|---|---:|---:|---:|---:|",
    ...graphql.measurements.map(row),
    "",
    `Browse: the root, ${graphql.browseChildren} children and ${graphql.browseGrandchildren} grandchildren, each with its assessment and roll-up. ` +
      `Roll-up of the root: the stored row through GraphQL is ${graphql.ratio.toFixed(0)}× faster than the on-the-fly aggregate (median ${graphql.onTheFly.medianMs.toFixed(2)} ms ÷ ${graphql.rollup.medianMs.toFixed(2)} ms; target ≥ 100×); ` +
      `the service-level read above is ${graphql.serviceRatio.toFixed(0)}× faster. The two give ${graphql.agree ? "the same" : "**different**"} figures (${graphql.figures}).`,
    "",
    `Incremental roll-ups after the writes ${agrees ? "equal" : "**differ from**"} the full recompute (checksum over every row).`,
    `<!-- /bench:${options.preset}:${db.label} -->`,
  ].join("\n");

  let text = fs.existsSync(options.out) ? fs.readFileSync(options.out, "utf8") : DEFAULT_HEADER;
  const start = text.indexOf(`<!-- bench:${options.preset}:${db.label} -->`);
  const endMarker = `<!-- /bench:${options.preset}:${db.label} -->`;
  if (start >= 0) text = text.slice(0, start) + section + text.slice(text.indexOf(endMarker) + endMarker.length);
  else text = text.replace("<!-- results -->", `<!-- results -->\n\n${section}`);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, text);
  log(`Wrote ${path.relative(PROJECT_ROOT, options.out)}`);
}

const DEFAULT_HEADER = `# Benchmarks

\`npm run bench -- --preset province|national --db sqlite|mariadb://root@127.0.0.1:3306\` (bench/run.ts).

<!-- results -->
`;

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

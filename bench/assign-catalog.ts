import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDataSource, parseDatabaseUrl } from "../src/db/data-source";
import { migrate } from "../src/db/migrate";
import { setLogLevel } from "../src/logger";
import { OrganizationImportService } from "../src/services/organization-import.service";
import { AssignCatalogService } from "../src/services/responsibility/assign-catalog.service";
import { BuiltInCatalogService } from "../src/services/responsibility/built-in-catalog.service";
import { systemContext } from "../src/services/system-context";

/**
 * Times assignCatalog (定责) of the built-in 三级五岗 catalog over a province-sized tree.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/assign-catalog.js
 *   DATABASE_URL=mariadb://root@127.0.0.1:3306/zeren_bench node dist/bench/assign-catalog.js
 *
 * Without DATABASE_URL a fresh SQLite file in the temp folder is used; a given database
 * must be empty (the bench refuses to write into one that holds organisations).
 *
 * The tree: a province with BENCH_CITIES cities of BENCH_COUNTIES counties (221 regions by
 * default); each region has a working committee with BENCH_GROUPS party groups, each with
 * an organ committee, a discipline committee and BENCH_BRANCHES branches under the organ
 * committee: 99,892 organisations by default, 89,505 of them branches. Every party group
 * has a secretary and 3 other members, every organ committee, discipline committee and
 * branch a secretary (~109,000 current post holders, inserted in bulk as set-up).
 */
const CITIES = envInt("BENCH_CITIES", 20);
const COUNTIES = envInt("BENCH_COUNTIES", 10);
const GROUPS = envInt("BENCH_GROUPS", 15);
const BRANCHES = envInt("BENCH_BRANCHES", 27);
const PG_MEMBERS = 3;

async function main(): Promise<void> {
  setLogLevel("warn");
  const url = process.env.DATABASE_URL;
  const sqliteFile = path.join(os.tmpdir(), `zeren-bench-assign-${process.pid}.sqlite`);
  const dataSource = createDataSource(parseDatabaseUrl(url, sqliteFile));
  await dataSource.initialize();
  try {
    await migrate(dataSource);
    const ctx = systemContext(dataSource, "bench");
    const [{ n }] = await dataSource.query("SELECT COUNT(*) AS n FROM organization");
    if (Number(n) > 0) throw new Error("the bench needs an empty database: this one already holds organisations");

    const csv = treeCsv();
    const organizations = csv.split("\n").length - 2;
    let started = performance.now();
    await new OrganizationImportService().importCsv(ctx, csv);
    report(`imported ${organizations} organisations`, started);

    started = performance.now();
    const appointments = await insertPostHolders(dataSource);
    report(`inserted ${appointments} post holders (set-up, bulk SQL)`, started);

    const catalog = await new BuiltInCatalogService().install(ctx);
    const [root] = await dataSource.query("SELECT id FROM organization WHERE parent_id IS NULL");
    const assigner = new AssignCatalogService();

    started = performance.now();
    const first = await assigner.assign(ctx, catalog.id, Number(root.id));
    report(`assignCatalog: ${JSON.stringify(first)}`, started);

    started = performance.now();
    const second = await assigner.assign(ctx, catalog.id, Number(root.id));
    report(`assignCatalog again (idempotent): ${JSON.stringify(second)}`, started);
  } finally {
    await dataSource.destroy();
    if (!url) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(sqliteFile + suffix, { force: true });
  }
}

function treeCsv(): string {
  const lines = ["code,parent_code,name,kind,level,region_code,member_count"];
  const region = (code: string, parent: string, name: string, level: string) => {
    lines.push(`${code},${parent},${name},LOCAL_COMMITTEE,${level},510000,100`);
    const wc = `${code}-WC`;
    lines.push(`${wc},${code},机关工委 ${code},WORKING_COMMITTEE,${level},510000,50`);
    for (let g = 0; g < GROUPS; g++) {
      const pg = `${wc}-G${g}`;
      lines.push(`${pg},${wc},党组 ${pg},PARTY_GROUP,${level},510000,200`);
      lines.push(`${pg}-OC,${pg},机关党委 ${pg},ORGAN_COMMITTEE,${level},510000,150`);
      lines.push(`${pg}-DC,${pg},机关纪委 ${pg},DISCIPLINE_COMMITTEE,${level},510000,5`);
      for (let b = 0; b < BRANCHES; b++) lines.push(`${pg}-B${b},${pg}-OC,党支部 ${pg}-B${b},BRANCH,${level},510000,12`);
    }
  };
  region("P", "", "省委", "PROVINCE");
  for (let c = 0; c < CITIES; c++) {
    region(`P-C${c}`, "P", `市委 ${c}`, "CITY");
    for (let k = 0; k < COUNTIES; k++) region(`P-C${c}-K${k}`, `P-C${c}`, `县委 ${c}-${k}`, "COUNTY");
  }
  return lines.join("\n") + "\n";
}

/** One person per post, all current since 2024-01-01. */
async function insertPostHolders(dataSource: ReturnType<typeof createDataSource>): Promise<number> {
  const rows: { id: number | string; kind: string }[] = await dataSource.query(
    "SELECT id, kind FROM organization WHERE kind IN ('PARTY_GROUP', 'ORGAN_COMMITTEE', 'DISCIPLINE_COMMITTEE', 'BRANCH') ORDER BY id",
  );
  const posts: [number, string][] = [];
  for (const row of rows) {
    const id = Number(row.id);
    if (row.kind === "PARTY_GROUP") {
      posts.push([id, "PARTY_GROUP_SECRETARY"]);
      for (let m = 0; m < PG_MEMBERS; m++) posts.push([id, "PARTY_GROUP_MEMBER"]);
    } else if (row.kind === "ORGAN_COMMITTEE") posts.push([id, "ORGAN_COMMITTEE_SECRETARY"]);
    else if (row.kind === "DISCIPLINE_COMMITTEE") posts.push([id, "DISCIPLINE_SECRETARY"]);
    else posts.push([id, "BRANCH_SECRETARY"]);
  }
  const chunk = 1000;
  await dataSource.transaction(async (em) => {
    for (let start = 0; start < posts.length; start += chunk) {
      const part = posts.slice(start, start + chunk);
      await em.query(`INSERT INTO person (id, name) VALUES ${part.map(() => "(?, ?)").join(", ")}`, part.flatMap((_, i) => [start + i + 1, `人员 ${start + i + 1}`]));
      await em.query(
        `INSERT INTO appointment (id, person_id, organization_id, post_kind, start_date) VALUES ${part.map(() => "(?, ?, ?, ?, '2024-01-01')").join(", ")}`,
        part.flatMap(([organizationId, postKind], i) => [start + i + 1, start + i + 1, organizationId, postKind]),
      );
    }
  });
  return posts.length;
}

function report(what: string, started: number): void {
  process.stdout.write(`${((performance.now() - started) / 1000).toFixed(2).padStart(8)} s  ${what}\n`);
}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  return raw ? Number(raw) : fallback;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});

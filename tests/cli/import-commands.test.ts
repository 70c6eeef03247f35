import { execFile } from "node:child_process";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db";

/**
 * The command-line imports of the README (`npm run import`, `npm run import-scores`) as a
 * user runs them: a real process, its exit code and output, against the test's database.
 * Run from the sources (tests/ops/ts-register.js), so no build into dist/ is needed.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "tests", "fixtures");
let db: TestDatabase;
let databaseUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const target = db.target;
  databaseUrl =
    target.dialect === "sqlite"
      ? `sqlite:${target.file}`
      : `${target.driver}://${encodeURIComponent(target.username)}${target.password ? `:${encodeURIComponent(target.password)}` : ""}@${target.host}:${target.port}/${target.database}`;
});
afterAll(() => db.drop());

function run(script: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-r", "./tests/ops/ts-register.js", `src/cli/${script}.ts`, ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, INIT_CWD: FIXTURES, LOG_LEVEL: "error", NODE_ENV: "development" }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const count = async (table: string) => Number((await db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

test("without a file: usage and exit code 2", async () => {
  const result = await run("import-organizations");
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("usage: npm run import -- FILE");
});

test("a file that cannot be read: exit code 1, nothing imported", async () => {
  const result = await run("import-scores", "no-such-file.csv");
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("cannot read no-such-file.csv");
});

test("a bad organisations file: every problem with its line and column, exit code 1, nothing imported", async () => {
  const result = await run("import-organizations", "orgs-bad.csv");
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^line \d+, column \w+: .+$/m);
  expect(await count("organization")).toBe(0);
});

test("the organisations, then their scores, relative to the user's folder", async () => {
  const organizations = await run("import-organizations", "orgs.csv");
  expect(organizations).toMatchObject({ code: 0, stdout: "Imported 63 organisations.\n" });
  expect(await count("organization")).toBe(63);

  const scores = await run("import-scores", "scores.csv");
  expect(scores.code).toBe(0);
  expect(scores.stdout).toMatch(/^Imported 124 scores \(0 replaced\) for 2026-H1, 2026-H2 in [\d.]+ s\.\nCreated period 2026-H1 \(OPEN, default scoring rules\)\.\nCreated period 2026-H2 \(OPEN, default scoring rules\)\.\n$/);
  expect(await count("assessment")).toBe(124);

  const unknown = await run("import-scores", "orgs.csv");
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(/column/);
  expect(await count("assessment")).toBe(124);
});

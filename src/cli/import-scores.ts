import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, type AppConfig } from "../config";
import { createDataSource, parseDatabaseUrl } from "../db/data-source";
import { migrate } from "../db/migrate";
import { setLogLevel } from "../logger";
import { DomainError, type FieldProblem } from "../services/errors";
import { ScoreImportService } from "../services/scoring/score-import.service";
// Registers the facts behind automatic deductions and the negative-list cap.
import "../services/oversight/scoring-facts";
import { systemContext } from "../services/system-context";

/**
 * Imports a scores.csv file (org_code,period,score): `npm run import-scores -- FILE`
 * (DATABASE_URL picks the database; a fresh one is migrated first). All or nothing: a
 * missing period is created OPEN with the default rules, and the summary says so.
 * Exit codes: 0 imported, 1 nothing imported (the problems are listed), 2 bad usage or configuration.
 */
const USAGE =
  "usage: npm run import-scores -- FILE\n  imports own scores from FILE (scores.csv: org_code,period,score) into the database named by DATABASE_URL";

async function main(args: string[]): Promise<number> {
  const file = args[0];
  if (args.length !== 1 || file === "-h" || file === "--help") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  let text: string;
  try {
    // `npm run` starts us in the package folder; a relative FILE means the user's own folder.
    text = fs.readFileSync(path.resolve(process.env.INIT_CWD ?? process.cwd(), file), "utf8");
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }

  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  setLogLevel(config.logLevel);
  const dataSource = createDataSource(parseDatabaseUrl(config.databaseUrl, config.sqlitePath));
  try {
    await dataSource.initialize();
    await migrate(dataSource);
    const started = Date.now();
    const summary = await new ScoreImportService().importCsv(systemContext(dataSource, "cli-import-scores"), text);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`Imported ${summary.imported} scores (${summary.replaced} replaced) for ${summary.periods.join(", ") || "no period"} in ${seconds} s.\n`);
    for (const code of summary.createdPeriods) process.stdout.write(`Created period ${code} (OPEN, default scoring rules).\n`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      process.stderr.write(`${error.message}\n`);
      const problems = (error.extensions.problems ?? []) as FieldProblem[];
      for (const problem of problems) {
        const where = [problem.line !== undefined && `line ${problem.line}`, problem.column !== undefined && `column ${problem.column}`]
          .filter(Boolean)
          .join(", ");
        process.stderr.write(`${where ? `${where}: ` : ""}${problem.reason}\n`);
      }
      return 1;
    }
    throw error;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`import failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);

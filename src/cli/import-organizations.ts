import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, type AppConfig } from "../config";
import { createDataSource, parseDatabaseUrl } from "../db/data-source";
import { migrate } from "../db/migrate";
import { setLogLevel } from "../logger";
import { BadUserInputError, DomainError } from "../services/errors";
import { OrganizationImportService } from "../services/organization-import.service";
// Keeps the roll-ups of open periods current as the tree grows.
import "../services/scoring/rollup.service";
import { systemContext } from "../services/system-context";
import { createProgressBar } from "./progress-bar";

/**
 * Imports an orgs.csv file: `npm run import -- FILE` (DATABASE_URL picks the database).
 * Exit codes: 0 imported, 1 nothing imported (the problems are listed), 2 bad usage or configuration.
 */
const USAGE = "usage: npm run import -- FILE\n  imports organisations from FILE (orgs.csv format) into the database named by DATABASE_URL";

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
  const progress = createProgressBar("Importing");
  try {
    await dataSource.initialize();
    await migrate(dataSource);
    const ctx = systemContext(dataSource, "cli-import");
    const summary = await new OrganizationImportService().importCsv(ctx, text, (done, total) => progress.update(done, total));
    progress.finish();
    process.stdout.write(`Imported ${summary.created} organisations.\n`);
    return 0;
  } catch (error) {
    progress.finish();
    if (error instanceof BadUserInputError) {
      process.stderr.write(`${error.message}\n`);
      for (const problem of error.problems) {
        const where = [problem.line !== undefined && `line ${problem.line}`, problem.column !== undefined && `column ${problem.column}`]
          .filter(Boolean)
          .join(", ");
        process.stderr.write(`${where ? `${where}: ` : ""}${problem.reason}\n`);
      }
      return 1;
    }
    if (error instanceof DomainError) {
      process.stderr.write(`${error.message}\n`);
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

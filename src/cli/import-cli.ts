import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, type AppConfig } from "../config";
import { createDataSource, parseDatabaseUrl } from "../db/data-source";
import { migrate } from "../db/migrate";
import { setLogLevel } from "../logger";
import { DomainError, type FieldProblem } from "../services/errors";
import type { RequestContext } from "../services/request-context";
import { systemContext } from "../services/system-context";

/** One of the `npm run import…` commands: its usage line and what it does with the file's text. */
export interface ImportCommand {
  usage: string;
  /** The actor named in the audit log. */
  actor: string;
  /** Imports the text (all or nothing); returns the summary lines to print. */
  run(ctx: RequestContext, text: string): Promise<string[]>;
}

/**
 * The shared frame of the import commands: `npm run <command> -- FILE`, DATABASE_URL picks
 * the database (a fresh one is migrated first). Exit codes: 0 imported; 1 nothing imported
 * (the problems are listed, with line and column); 2 bad usage or configuration.
 */
export function runImportCli(command: ImportCommand): void {
  main(command, process.argv.slice(2)).then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      process.stderr.write(`import failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

async function main(command: ImportCommand, args: string[]): Promise<number> {
  const file = args[0];
  if (args.length !== 1 || file === "-h" || file === "--help") {
    process.stderr.write(`${command.usage}\n`);
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
    for (const line of await command.run(systemContext(dataSource, command.actor), text)) process.stdout.write(`${line}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stderr.write(`${error.message}\n`);
    for (const problem of (error.extensions.problems ?? []) as FieldProblem[]) {
      const where = [problem.line !== undefined && `line ${problem.line}`, problem.column !== undefined && `column ${problem.column}`].filter(Boolean).join(", ");
      process.stderr.write(`${where ? `${where}: ` : ""}${problem.reason}\n`);
    }
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

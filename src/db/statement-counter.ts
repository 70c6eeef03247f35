import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from "typeorm";
import { currentScope, withScope } from "../request-scope";

/**
 * Counts the SQL statements each request sends. Tests assert on the count (a nested
 * query must cost O(depth) statements, not O(nodes)) instead of timing anything.
 */
export interface StatementTally {
  count: number;
}

export function withStatementTally<T>(tally: StatementTally, fn: () => T): T {
  return withScope({ statements: tally }, fn);
}

export function currentStatementTally(): StatementTally | undefined {
  return currentScope()?.statements;
}

/** A TypeORM logger that tallies queries and lets the app's logger report slow ones and errors. */
export class StatementCountingLogger extends AbstractLogger {
  constructor(private readonly onError: (message: string, query: string) => void) {
    super(["query", "error"]);
  }

  override logQuery(_query: string, _parameters?: unknown, _queryRunner?: QueryRunner): void {
    const tally = currentScope()?.statements;
    if (tally) tally.count++;
  }

  override logQueryError(error: string | Error, query: string, _parameters?: unknown, _queryRunner?: QueryRunner): void {
    this.onError(error instanceof Error ? error.message : error, query);
  }

  protected writeLog(_level: LogLevel, _message: LogMessage | string | number | (LogMessage | string | number)[]): void {
    // Only the hooks above matter; TypeORM's own formatting is not used.
  }
}

import type { LogLevel } from "./config";
import { currentScope, withScope } from "./request-scope";

/** Structured JSON log lines; the request id of the current request is added to each. */
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: LogLevel = "info";

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

export function withRequestId<T>(requestId: string, fn: () => T): T {
  return withScope({ requestId }, fn);
}

export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < ORDER[threshold]) return;
  const head = { time: new Date().toISOString(), level, message, requestId: currentScope()?.requestId };
  let line: string;
  try {
    line = JSON.stringify({ ...head, ...fields }, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  } catch {
    // A circular field must cost the fields, not the request that logs them.
    line = JSON.stringify({ ...head, fields: "unserializable" });
  }
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

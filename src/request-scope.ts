import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the code running for one request may need without being handed it: the request id
 * (logger.ts), its SQL statement tally (db/statement-counter.ts) and where its reads go
 * (db/replication.ts). One AsyncLocalStorage for all three: Node propagates every storage to
 * every new promise, so each extra storage is paid for on each of the thousands of promises
 * a large query creates.
 */
export interface RequestScope {
  requestId?: string;
  statements?: { count: number };
  readRouting?: { primary: boolean };
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs fn with these fields added to the current scope (the others are kept). */
export function withScope<T>(fields: RequestScope, fn: () => T): T {
  return scopes.run({ ...scopes.getStore(), ...fields }, fn);
}

export function currentScope(): RequestScope | undefined {
  return scopes.getStore();
}

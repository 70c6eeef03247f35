import type { DataSource } from "typeorm";
import { dialectOf } from "../db/data-source";
import { createLoaders } from "../loaders";
import { SYSTEM_ACTOR, type Actor } from "./auth/actor";
import { authFor } from "./auth/authenticator";
import type { RequestContext } from "./request-context";

/**
 * A context for work that is not an HTTP request: start-up, command-line tools, benchmarks.
 * It acts as the unscoped system administrator unless given another actor.
 */
export function systemContext(dataSource: DataSource, requestId: string, actor: Actor = SYSTEM_ACTOR): RequestContext {
  return {
    requestId,
    dataSource,
    dialect: dialectOf(dataSource),
    em: dataSource.manager,
    loaders: createLoaders(() => dataSource.manager),
    auth: authFor(actor),
    audit: { entriesWritten: 0 },
  };
}

import type { DataSource, EntityManager } from "typeorm";
import type { Dialect } from "../db/data-source";
import type { Loaders } from "../loaders";
import type { RequestAuth } from "./auth/request-auth";

/**
 * What every service call receives first, built fresh for each request (never shared:
 * loaders cache rows per request). Inside a mutation `em` is the transaction's manager.
 */
export interface RequestContext {
  requestId: string;
  dataSource: DataSource;
  dialect: Dialect;
  em: EntityManager;
  loaders: Loaders;
  /** Who is calling; services ask it before reading or writing (services/auth/authorization.ts). */
  auth: RequestAuth;
  /**
   * Shared by every copy of the context in one request (inTransaction copies it), so the
   * mutation middleware can tell whether a service already wrote a detailed audit entry.
   */
  audit: { entriesWritten: number };
}

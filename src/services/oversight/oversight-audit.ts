import { AuditService, type AuditRecord } from "../audit/audit.service";
import type { RequestContext } from "../request-context";

import { OVERSIGHT_AUDIT_ACTIONS } from "./oversight-actions";

export { OVERSIGHT_AUDIT_ACTIONS };
export type OversightAuditAction = (typeof OVERSIGHT_AUDIT_ACTIONS)[number];

const audit = new AuditService();

export function recordAudit(tx: RequestContext, entry: Omit<AuditRecord, "action"> & { action: OversightAuditAction }): Promise<void> {
  return audit.record(tx, entry);
}

import type { MiddlewareFn } from "type-graphql";
import { AuditService } from "../../services/audit/audit.service";
import type { RequestContext } from "../../services/request-context";
import { inTransaction } from "../../services/transaction";

const audit = new AuditService();
/** Arguments never copied into the audit log. */
const SECRET_ARGUMENT = /password|token|secret/i;

/**
 * No successful mutation goes unrecorded. A service that changes something writes its own,
 * detailed audit entry (before and after) inside the transaction of the change; when a
 * mutation's service wrote none, this writes a generic one afterwards, in a transaction of
 * its own, naming the mutation, its arguments (secrets redacted) and what it returned.
 *
 * The transaction itself belongs to the service (services/transaction.ts), not to this
 * middleware: a deadlock victim is retried from the start there, and type-graphql cannot
 * run a resolver twice from a middleware.
 */
export const mutationAudit: MiddlewareFn<RequestContext> = async ({ context, info, args }, next) => {
  if (info.parentType.name !== "Mutation") return next();
  const written = context.audit.entriesWritten;
  const result: unknown = await next();
  if (context.audit.entriesWritten === written) {
    await inTransaction(context, (tx) =>
      audit.record(tx, {
        action: `mutation.${info.fieldName}`,
        targetType: targetTypeName(info.returnType.toString()),
        targetId: idOf(result),
        orgPath: pathOf(result),
        before: null,
        after: { arguments: withoutSecrets(args) },
      }),
    );
  }
  return result;
};

function targetTypeName(returnType: string): string {
  return returnType.replace(/[[\]!]/g, "");
}

function idOf(result: unknown): number | string | null {
  const id = (result as { id?: unknown } | null)?.id;
  return typeof id === "number" || typeof id === "string" ? id : null;
}

function pathOf(result: unknown): string | null {
  const path = (result as { path?: unknown } | null)?.path;
  return typeof path === "string" ? path : null;
}

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, SECRET_ARGUMENT.test(key) ? "[redacted]" : withoutSecrets(inner)]),
  );
}

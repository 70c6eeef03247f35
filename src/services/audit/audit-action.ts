import { OVERSIGHT_AUDIT_ACTIONS } from "../oversight/oversight-actions";

/**
 * The actions the audit log knows, "<target>.<verb>". A new mutation adds its action here so
 * the log's vocabulary stays in one list (the GraphQL filter takes any string, so old entries
 * stay findable after an action is retired).
 */
export const AUDIT_ACTIONS = [
  "auth.login",
  "user.create",
  "user.disable",
  "user.enable",
  "user.rescope",
  "user.password.change",
  "organization.create",
  "organization.update",
  "organization.move",
  "organization.dissolve",
  "organization.import",
  ...OVERSIGHT_AUDIT_ACTIONS,
] as const;

/**
 * A listed action, or `mutation.<field>`: the entry the mutation middleware writes for a
 * mutation whose service wrote none of its own, so no successful mutation goes unrecorded.
 */
export type AuditAction = (typeof AUDIT_ACTIONS)[number] | `mutation.${string}`;

import { AuditEntryConnectionResolver, AuditLogResolver } from "./audit-log.resolver";
import { AuthResolver } from "./auth.resolver";
import { UserAdminResolver } from "./user-admin.resolver";
import { UserConnectionResolver, UserResolver } from "./user.resolver";

/** Accounts, authorization and the audit log: add to the resolver list in build-schema.ts. */
export const authResolvers: Function[] = [AuthResolver, UserAdminResolver, UserResolver, UserConnectionResolver, AuditLogResolver, AuditEntryConnectionResolver];

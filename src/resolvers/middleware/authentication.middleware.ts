import type { MiddlewareFn } from "type-graphql";
import { requireActor } from "../../services/auth/request-auth";
import type { RequestContext } from "../../services/request-context";

/** Root fields anyone may call: logging in, and asking who one is (null without a token). */
export const PUBLIC_ROOT_FIELDS = new Set(["Query.me", "Mutation.login"]);

/**
 * Every other root field needs a valid token before its resolver runs, so no query or
 * mutation added later can forget it. What the caller may see or change inside its scope is
 * still decided by the services (authorization.ts).
 */
export const requireAuthentication: MiddlewareFn<RequestContext> = async ({ context, info }, next) => {
  const parent = info.parentType.name;
  if ((parent === "Query" || parent === "Mutation") && !PUBLIC_ROOT_FIELDS.has(`${parent}.${info.fieldName}`)) {
    await requireActor(context);
  }
  return next();
};

import { UnauthenticatedError } from "../errors";
import type { RequestContext } from "../request-context";
import type { Actor } from "./actor";
import type { LoginThrottle } from "./login-throttle";
import type { TokenService } from "./token";

/**
 * What a request knows about its caller, carried on the RequestContext as `auth`
 * (authenticator.ts builds it). The actor is resolved lazily and at most once: verifying a
 * token is pure crypto, but loading the user is a query, and a request refused by the abuse
 * limits must not have run one.
 */
export interface RequestAuth {
  /** Client address (Express `req.ip`), for login throttling; null outside HTTP. */
  readonly address: string | null;
  /** The app's token signer and login throttle, shared by all requests of one process. */
  readonly tokens: TokenService;
  readonly throttle: LoginThrottle;
  /** The caller; null when no token was sent. Rejects with UNAUTHENTICATED for a bad, expired or revoked token. */
  actor(): Promise<Actor | null>;
  /**
   * The caller once actor() has resolved, undefined before: lets checks made on every node
   * of a large result run without a promise each.
   */
  settledActor?(): Actor | null | undefined;
}

export function authOf(ctx: RequestContext): RequestAuth {
  return ctx.auth;
}

export function currentActor(ctx: RequestContext): Promise<Actor | null> {
  return authOf(ctx).actor();
}

export async function requireActor(ctx: RequestContext): Promise<Actor> {
  const actor = await currentActor(ctx);
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** The token of an `Authorization: Bearer …` header; null when there is no header. */
export function bearerToken(header: string | undefined | null): string | null {
  if (header === undefined || header === null || header.trim() === "") return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!match) throw new UnauthenticatedError("Send the token as Authorization: Bearer <token>.");
  return match[1];
}

import type { DataSource } from "typeorm";
import { Role } from "../../src/entities";
import type { Actor } from "../../src/services/auth/actor";
import { Authenticator } from "../../src/services/auth/authenticator";
import { LoginThrottle } from "../../src/services/auth/login-throttle";
import type { RequestAuth } from "../../src/services/auth/request-auth";
import type { RequestContext } from "../../src/services/request-context";
import { systemContext } from "../../src/services/system-context";

export const TEST_SECRET = "auth-tests-secret-of-at-least-32-chars";

export type AuthedContext = RequestContext & { auth: RequestAuth };

/** A fresh authenticator (own throttle, so files never share lockouts). */
export function testAuthenticator(throttle = new LoginThrottle()): Authenticator {
  return new Authenticator({ secret: TEST_SECRET, tokenTtlSeconds: 3600, throttle });
}

let requests = 0;

/** What createApp will build per request (phase 2): a fresh context whose auth comes from the Authorization header. */
export function requestContext(dataSource: DataSource, authenticator: Authenticator, token?: string | null, address = "192.0.2.1"): AuthedContext {
  const base = systemContext(dataSource, `req-${++requests}`);
  const authorization = token ? `Bearer ${token}` : undefined;
  return { ...base, auth: authenticator.forRequest({ authorization, address, em: dataSource.manager }) };
}

/** A context acting as `actor` without a token (arranging data). */
export function actingAs(dataSource: DataSource, authenticator: Authenticator, actor: Actor | null): AuthedContext {
  return { ...systemContext(dataSource, `req-${++requests}`), auth: authenticator.forActor(actor) };
}

export function anActor(role: Role, scope: { id: number; path: string } | null, userId: number | null = null): Actor {
  return { userId, username: `${role.toLowerCase()}-actor`, role, scopeOrganizationId: scope?.id ?? null, scopePath: scope?.path ?? null };
}

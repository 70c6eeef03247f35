import { randomBytes } from "node:crypto";
import type { EntityManager } from "typeorm";
import { AccountService } from "./account.service";
import type { Actor } from "./actor";
import { LoginThrottle } from "./login-throttle";
import { bearerToken, type RequestAuth } from "./request-auth";
import { TokenService } from "./token";

export interface AuthenticatorOptions {
  secret: string;
  tokenTtlSeconds: number;
  throttle?: LoginThrottle;
  /** Injectable clock for token expiry in tests. */
  now?: () => Date;
}

export interface IncomingRequest {
  /** The raw Authorization header, if any. */
  authorization?: string | null;
  address?: string | null;
  /** A non-transactional manager: the actor is read once, before any mutation's transaction opens. */
  em: EntityManager;
}

/**
 * One per process: holds the token key and the login throttle, and gives each request its
 * RequestAuth. Built from the config in createApp.
 */
export class Authenticator {
  readonly tokens: TokenService;
  readonly throttle: LoginThrottle;

  constructor(
    options: AuthenticatorOptions,
    private readonly accounts = new AccountService(),
  ) {
    this.tokens = new TokenService(options.secret, options.tokenTtlSeconds, options.now);
    this.throttle = options.throttle ?? new LoginThrottle();
  }

  forRequest({ authorization, address = null, em }: IncomingRequest): RequestAuth {
    let resolved: Promise<Actor | null> | undefined;
    let settled: Actor | null | undefined;
    const resolve = async (): Promise<Actor | null> => {
      const token = bearerToken(authorization);
      if (token === null) return (settled = null);
      return (settled = await this.accounts.actorForToken(em, await this.tokens.verify(token)));
    };
    return {
      address,
      tokens: this.tokens,
      throttle: this.throttle,
      actor: () => (resolved ??= resolve()),
      settledActor: () => settled,
    };
  }

  /** A fixed actor: start-up work, command-line tools, and tests that call services directly. */
  forActor(actor: Actor | null, address: string | null = null): RequestAuth {
    const resolved = Promise.resolve(actor);
    return { address, tokens: this.tokens, throttle: this.throttle, actor: () => resolved, settledActor: () => actor };
  }
}

let systemAuthenticator: Authenticator | undefined;

/**
 * Auth for contexts outside HTTP (system-context.ts). Its key is random and never shared:
 * nothing logs in through it, so tokens it could sign are useless anywhere else.
 */
export function authFor(actor: Actor): RequestAuth {
  systemAuthenticator ??= new Authenticator({ secret: randomBytes(32).toString("base64url"), tokenTtlSeconds: 60 });
  return systemAuthenticator.forActor(actor);
}

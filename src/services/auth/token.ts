import { errors, jwtVerify, SignJWT } from "jose";
import { UnauthenticatedError } from "../errors";

/** What a verified token says; whether its user may still act is decided by the account service. */
export interface TokenClaims {
  userId: number;
  /** The user's token version when the token was issued (user.entity.ts `tokenVersion`). */
  tokenVersion: number;
  issuedAt: Date;
  expiresAt: Date;
}

export interface SignedToken {
  token: string;
  expiresAt: Date;
}

const ISSUER = "zeren";
const AUDIENCE = "zeren";
/** Allowance for clocks of several instances that disagree a little. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Login tokens: JWT signed with HMAC-SHA256 (HS256) under the service's secret, subject = user
 * id. Only HS256 is accepted on verification, so an `alg: none` or an asymmetric-key
 * confusion token is refused.
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    /** Injectable for tests of expiry. */
    private readonly now: () => Date = () => new Date(),
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(user: { id: number; tokenVersion: number }): Promise<SignedToken> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ ver: user.tokenVersion })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(String(user.id))
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The claims of a genuine, unexpired token; UNAUTHENTICATED for anything else. */
  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ["HS256"],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ["sub", "iat", "exp"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: this.now(),
      });
      const userId = Number(payload.sub);
      const tokenVersion = payload.ver;
      if (!Number.isSafeInteger(userId) || userId < 1 || typeof tokenVersion !== "number" || !Number.isInteger(tokenVersion)) {
        throw new UnauthenticatedError("The token is not one of ours; log in again.");
      }
      return { userId, tokenVersion, issuedAt: new Date(payload.iat! * 1000), expiresAt: new Date(payload.exp! * 1000) };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError("The token has expired; log in again.");
      if (error instanceof errors.JOSEError) throw new UnauthenticatedError("The token is invalid; log in again.");
      throw error;
    }
  }
}

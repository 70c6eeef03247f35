import { SignJWT } from "jose";
import { TokenService } from "../../src/services/auth/token";
import { UnauthenticatedError } from "../../src/services/errors";

const SECRET = "test-secret-of-at-least-32-characters-long";
const HOUR = 3600;

function clock(start = new Date("2026-03-01T08:00:00Z")) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (seconds: number) => (now += seconds * 1000) };
}

test("a signed token verifies to its user, version and lifetime", async () => {
  const time = clock();
  const tokens = new TokenService(SECRET, 8 * HOUR, time.now);
  const { token, expiresAt } = await tokens.sign({ id: 42, tokenVersion: 3 });
  expect(expiresAt.toISOString()).toBe("2026-03-01T16:00:00.000Z");
  const claims = await tokens.verify(token);
  expect(claims).toEqual({
    userId: 42,
    tokenVersion: 3,
    issuedAt: new Date("2026-03-01T08:00:00Z"),
    expiresAt: new Date("2026-03-01T16:00:00Z"),
  });
  const header = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString());
  expect(header).toEqual({ alg: "HS256", typ: "JWT" });
});

test("an expired token is refused as UNAUTHENTICATED", async () => {
  const time = clock();
  const tokens = new TokenService(SECRET, HOUR, time.now);
  const { token } = await tokens.sign({ id: 1, tokenVersion: 0 });
  time.advance(HOUR - 1);
  await expect(tokens.verify(token)).resolves.toMatchObject({ userId: 1 });
  time.advance(60);
  await expect(tokens.verify(token)).rejects.toThrow(UnauthenticatedError);
  await expect(tokens.verify(token)).rejects.toThrow(/expired/);
});

test("a tampered token is refused", async () => {
  const tokens = new TokenService(SECRET, HOUR);
  const { token } = await tokens.sign({ id: 7, tokenVersion: 0 });
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: "1" })).toString("base64url");
  await expect(tokens.verify(`${header}.${forged}.${signature}`)).rejects.toThrow(UnauthenticatedError);
  const flipped = signature.slice(0, -2) + (signature.endsWith("AA") ? "BB" : "AA");
  await expect(tokens.verify(`${header}.${payload}.${flipped}`)).rejects.toThrow(UnauthenticatedError);
  await expect(tokens.verify("not.a.token")).rejects.toThrow(UnauthenticatedError);
  await expect(tokens.verify("")).rejects.toThrow(UnauthenticatedError);
});

test("a token signed with another secret is refused", async () => {
  const mine = new TokenService(SECRET, HOUR);
  const theirs = new TokenService("another-secret-of-at-least-32-characters", HOUR);
  const { token } = await theirs.sign({ id: 1, tokenVersion: 0 });
  await expect(mine.verify(token)).rejects.toThrow(UnauthenticatedError);
});

test("an unsigned (alg: none) token is refused", async () => {
  const tokens = new TokenService(SECRET, HOUR);
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "none", typ: "JWT" })}.${part({ sub: "1", ver: 0, iss: "zeren", aud: "zeren", iat: now, exp: now + 60 })}.`;
  await expect(tokens.verify(unsigned)).rejects.toThrow(UnauthenticatedError);
});

test("a genuine signature over claims that are not ours is refused", async () => {
  const tokens = new TokenService(SECRET, HOUR);
  const key = new TextEncoder().encode(SECRET);
  const sign = (claims: Record<string, unknown>, subject: string) =>
    new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject(subject).setIssuer("zeren").setAudience("zeren").setIssuedAt().setExpirationTime("1h").sign(key);
  await expect(tokens.verify(await sign({}, "1"))).rejects.toThrow(/not one of ours/); // no token version
  await expect(tokens.verify(await sign({ ver: 0 }, "admin"))).rejects.toThrow(/not one of ours/); // subject not an id
  const otherAudience = await new SignJWT({ ver: 0 }).setProtectedHeader({ alg: "HS256" }).setSubject("1").setIssuer("zeren").setAudience("elsewhere").setIssuedAt().setExpirationTime("1h").sign(key);
  await expect(tokens.verify(otherAudience)).rejects.toThrow(UnauthenticatedError);
});

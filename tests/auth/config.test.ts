import { ConfigError, loadConfig } from "../../src/config";
import { setLogLevel } from "../../src/logger";

beforeAll(() => setLogLevel("error"));

const LONG_SECRET = "x".repeat(32);

test("production refuses to start without a token secret, or with a short one", () => {
  expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/ZEREN_JWT_SECRET is required/);
  expect(() => loadConfig({ NODE_ENV: "production", ZEREN_JWT_SECRET: "x".repeat(31) })).toThrow(/at least 32 characters/);
  const config = loadConfig({ NODE_ENV: "production", ZEREN_JWT_SECRET: LONG_SECRET });
  expect(config).toMatchObject({ jwtSecret: LONG_SECRET, jwtSecretGenerated: false, introspection: false });
});

test("outside production a missing secret becomes a random one per process", () => {
  const a = loadConfig({});
  const b = loadConfig({});
  expect(a.jwtSecretGenerated).toBe(true);
  expect(a.jwtSecret.length).toBeGreaterThanOrEqual(32);
  expect(a.jwtSecret).not.toBe(b.jwtSecret);
  expect(() => loadConfig({ ZEREN_JWT_SECRET: "short" })).toThrow(ConfigError);
});

test("token lifetime takes seconds or a unit, within 60 s to 30 days", () => {
  expect(loadConfig({}).tokenTtlSeconds).toBe(8 * 3600);
  expect(loadConfig({ ZEREN_TOKEN_TTL: "3600" }).tokenTtlSeconds).toBe(3600);
  expect(loadConfig({ ZEREN_TOKEN_TTL: "90m" }).tokenTtlSeconds).toBe(5400);
  expect(loadConfig({ ZEREN_TOKEN_TTL: "1d" }).tokenTtlSeconds).toBe(86400);
  for (const bad of ["59", "31d", "1w", "-5", "soon"]) expect(() => loadConfig({ ZEREN_TOKEN_TTL: bad })).toThrow(/ZEREN_TOKEN_TTL/);
});

test("introspection is on by default outside production only, and can be set either way", () => {
  expect(loadConfig({}).introspection).toBe(true);
  expect(loadConfig({ ZEREN_INTROSPECTION: "false" }).introspection).toBe(false);
  expect(loadConfig({ NODE_ENV: "production", ZEREN_JWT_SECRET: LONG_SECRET, ZEREN_INTROSPECTION: "true" }).introspection).toBe(true);
  expect(() => loadConfig({ ZEREN_INTROSPECTION: "maybe" })).toThrow(/ZEREN_INTROSPECTION/);
});

import { LoginThrottle, type ThrottlePolicy } from "../../src/services/auth/login-throttle";

const POLICY: ThrottlePolicy = { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, lockoutAfter: 8, lockoutMs: 600_000, windowMs: 900_000 };
const LOOSE: ThrottlePolicy = { ...POLICY, freeFailures: 100, lockoutAfter: 1_000 };

function setup(usernamePolicy = POLICY, addressPolicy = LOOSE) {
  let now = 1_000_000;
  const throttle = new LoginThrottle(usernamePolicy, addressPolicy, () => now);
  return { throttle, advance: (ms: number) => (now += ms) };
}

const alice = { username: "alice", address: "10.0.0.1" };

test("the first failures are free, then each attempt waits twice as long, up to the cap", () => {
  const { throttle, advance } = setup();
  for (let i = 0; i < 3; i++) expect(throttle.begin(alice)).toBe(0);
  expect(throttle.begin(alice)).toBe(1_000);
  advance(1_000);
  expect(throttle.begin(alice)).toBe(0); // 4th failure
  expect(throttle.begin(alice)).toBe(2_000);
  advance(2_000);
  expect(throttle.begin(alice)).toBe(0); // 5th
  advance(4_000);
  expect(throttle.begin(alice)).toBe(0); // 6th
  advance(8_000);
  expect(throttle.begin(alice)).toBe(0); // 7th
  expect(throttle.begin(alice)).toBe(8_000); // capped, not 16 s
});

test("after lockoutAfter failures the username is refused for the lockout period", () => {
  const { throttle, advance } = setup();
  for (let i = 0; i < 8; i++) {
    advance(10_000);
    expect(throttle.begin(alice)).toBe(0);
  }
  expect(throttle.begin(alice)).toBe(600_000);
  advance(599_000);
  expect(throttle.begin(alice)).toBe(1_000);
  advance(1_000);
  expect(throttle.begin(alice)).toBe(0);
});

test("a refused attempt does not count, so waiting out the delay is enough", () => {
  const { throttle, advance } = setup();
  for (let i = 0; i < 3; i++) throttle.begin(alice);
  expect(throttle.begin(alice)).toBe(1_000);
  expect(throttle.begin(alice)).toBe(1_000);
  advance(1_000);
  expect(throttle.begin(alice)).toBe(0);
});

test("parallel attempts are counted before any of them is checked", () => {
  const { throttle } = setup();
  const waits = Array.from({ length: 10 }, () => throttle.begin(alice));
  expect(waits.filter((wait) => wait === 0)).toHaveLength(3);
});

test("success clears the username but gives the address back only its own attempt", () => {
  const { throttle } = setup(POLICY, POLICY);
  const mallory = { username: "mallory", address: "10.0.0.1" };
  throttle.begin(mallory);
  throttle.begin(mallory);
  throttle.begin(alice);
  throttle.succeeded(alice);
  // The address has had two failures (mallory's), one free attempt left, then a delay.
  expect(throttle.begin({ username: "carol", address: "10.0.0.1" })).toBe(0);
  expect(throttle.begin({ username: "dave", address: "10.0.0.1" })).toBeGreaterThan(0);
  // alice starts afresh (her own counter was cleared): only the shared address slows her.
  expect(throttle.begin({ username: "alice", address: "10.0.0.2" })).toBe(0);
});

test("the address limit holds across usernames", () => {
  const { throttle } = setup(LOOSE, POLICY);
  for (let i = 0; i < 3; i++) expect(throttle.begin({ username: `user${i}`, address: "10.9.9.9" })).toBe(0);
  expect(throttle.begin({ username: "user99", address: "10.9.9.9" })).toBe(1_000);
  expect(throttle.begin({ username: "user99", address: "10.9.9.8" })).toBe(0);
});

test("a quiet window forgets the failures", () => {
  const { throttle, advance } = setup();
  for (let i = 0; i < 3; i++) throttle.begin(alice);
  advance(900_001);
  for (let i = 0; i < 3; i++) expect(throttle.begin(alice)).toBe(0);
});

test("without an address only the username is limited", () => {
  const { throttle } = setup(POLICY, POLICY);
  for (let i = 0; i < 3; i++) expect(throttle.begin({ username: `u${i}`, address: null })).toBe(0);
  expect(throttle.begin({ username: "u9", address: null })).toBe(0);
});

import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword } from "../../src/services/auth/password";

/** Cheap parameters keep the suite fast; the format stores them, so verification follows. */
const FAST = { N: 2 ** 10, r: 8, p: 1 };

test("a hash verifies its own password and no other", async () => {
  const stored = await hashPassword("correct horse battery", FAST);
  expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
  expect(await verifyPassword("correct horse battery", stored)).toBe(true);
  expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
  expect(await verifyPassword("", stored)).toBe(false);
});

test("each hash has its own salt", async () => {
  const [a, b] = await Promise.all([hashPassword("same password", FAST), hashPassword("same password", FAST)]);
  expect(a).not.toBe(b);
  expect(await verifyPassword("same password", a)).toBe(true);
  expect(await verifyPassword("same password", b)).toBe(true);
});

test("the default parameters are stored with the hash", async () => {
  const stored = await hashPassword("默认参数密码", DEFAULT_SCRYPT_PARAMS);
  expect(stored.startsWith(`scrypt$${2 ** 15}$8$1$`)).toBe(true);
  expect(await verifyPassword("默认参数密码", stored)).toBe(true);
});

test("Unicode passwords compare after NFC normalisation (composed and decomposed input match)", async () => {
  const stored = await hashPassword("caf\u00e9-密码", FAST);
  expect(await verifyPassword("cafe\u0301-密码", stored)).toBe(true);
});

test.each([
  ["not a hash", "plain text"],
  ["another scheme", "bcrypt$2b$10$abc"],
  ["too few parts", "scrypt$1024$8$1$c2FsdA"],
  ["N not a power of two", "scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"],
  ["N absurdly large", `scrypt$${2 ** 30}$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA`],
  ["r out of bounds", "scrypt$1024$999$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"],
  ["empty salt", "scrypt$1024$8$1$$aGFzaGhhc2hoYXNoaGFzaA"],
])("a stored value that is %s never verifies (and never runs an unbounded scrypt)", async (_label, stored) => {
  expect(await verifyPassword("anything", stored)).toBe(false);
});

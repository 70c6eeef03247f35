/**
 * One suite, two databases: ZEREN_TEST_DB=sqlite (default: the embedded database, no
 * server needed) or ZEREN_TEST_DB=mariadb (ZEREN_TEST_MARIADB_URL names the server; each
 * test file creates its own database there and drops it afterwards).
 */
/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  globalSetup: "<rootDir>/tests/helpers/global-setup.ts",
  globalTeardown: "<rootDir>/tests/helpers/global-teardown.ts",
  testTimeout: 60000,
  maxWorkers: 2,
};

import "reflect-metadata";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import type { DataSource } from "typeorm";
import { createDataSource, type DatabaseTarget } from "../../src/db/data-source";
import { migrate } from "../../src/db/migrate";
import { setLogLevel } from "../../src/logger";

export type TestDialect = "sqlite" | "mariadb";

export const TEST_DIALECT: TestDialect = process.env.ZEREN_TEST_DB === "mariadb" ? "mariadb" : "sqlite";
export const MARIADB_SERVER_URL = process.env.ZEREN_TEST_MARIADB_URL || "mariadb://root@127.0.0.1:3306/test";
/** Databases of one run share this prefix, so the global teardown can drop what a crashed file left. */
export const TEST_DATABASE_PREFIX = `zeren_t_${process.env.ZEREN_TEST_RUN ?? "x"}_`;

export interface TestDatabase {
  dataSource: DataSource;
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** A new, migrated, empty database for one test file (migrations, not synchronize, so they get tested too). */
export async function createTestDatabase(): Promise<TestDatabase> {
  setLogLevel((process.env.LOG_LEVEL as "error" | undefined) ?? "error");
  const name = TEST_DATABASE_PREFIX + randomBytes(4).toString("hex");
  let target: DatabaseTarget;
  if (TEST_DIALECT === "mariadb") {
    const server = new URL(MARIADB_SERVER_URL);
    await withServer((connection) => connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
    target = {
      dialect: "mysql",
      driver: server.protocol === "mysql:" ? "mysql" : "mariadb",
      host: server.hostname,
      port: Number(server.port || 3306),
      username: decodeURIComponent(server.username || "root"),
      password: decodeURIComponent(server.password),
      database: name,
    };
  } else {
    target = { dialect: "sqlite", file: path.join(os.tmpdir(), `${name}.sqlite`) };
  }
  const dataSource = createDataSource(target);
  await dataSource.initialize();
  await migrate(dataSource);
  return {
    dataSource,
    target,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (target.dialect === "mysql") {
        await withServer((connection) => connection.query(`DROP DATABASE IF EXISTS \`${name}\``));
      } else {
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(target.file + suffix, { force: true });
      }
    },
  };
}

export async function withServer<T>(work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const server = new URL(MARIADB_SERVER_URL);
  const connection = await mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || "root"),
    password: decodeURIComponent(server.password),
  });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

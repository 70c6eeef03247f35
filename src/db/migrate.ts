import type { DataSource } from "typeorm";
import { log } from "../logger";
import { dialectOf } from "./data-source";

/** How long an instance waits for another one's migrations before giving up, in seconds. */
const MIGRATION_LOCK_WAIT_SECONDS = 300;
const MIGRATION_LOCK = "zeren_migrations";

/**
 * Brings the schema up to date; each migration in its own transaction where the dialect
 * allows DDL in one. Several instances starting at once take turns: on MySQL-family engines
 * a named lock (GET_LOCK, which MySQL, MariaDB and TiDB share) is held on a connection of its
 * own while the migrations run; SQLite is one process's file.
 */
export async function migrate(dataSource: DataSource): Promise<void> {
  if (dialectOf(dataSource) === "sqlite") return runPending(dataSource);
  const lockHolder = dataSource.createQueryRunner("master");
  try {
    const [row] = await lockHolder.query("SELECT GET_LOCK(?, ?) AS acquired", [MIGRATION_LOCK, MIGRATION_LOCK_WAIT_SECONDS]);
    if (Number(row.acquired) !== 1) {
      throw new Error(`another instance has been migrating for over ${MIGRATION_LOCK_WAIT_SECONDS} s; try again when it is done`);
    }
    try {
      await runPending(dataSource);
    } finally {
      await lockHolder.query("SELECT RELEASE_LOCK(?)", [MIGRATION_LOCK]);
    }
  } finally {
    await lockHolder.release();
  }
}

async function runPending(dataSource: DataSource): Promise<void> {
  const applied = await dataSource.runMigrations({ transaction: "each" });
  for (const migration of applied) log("info", "migration applied", { migration: migration.name });
}

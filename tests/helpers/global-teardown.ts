import { TEST_DIALECT, withServer } from "./test-db";

/** Drops any database of this run a crashed test file left behind. */
export default async function globalTeardown(): Promise<void> {
  if (TEST_DIALECT !== "mariadb") return;
  const prefix = `zeren_t_${process.env.ZEREN_TEST_RUN}_`;
  await withServer(async (connection) => {
    const [rows] = await connection.query("SHOW DATABASES");
    for (const row of rows as { Database: string }[]) {
      if (row.Database.startsWith(prefix)) await connection.query(`DROP DATABASE \`${row.Database}\``);
    }
  });
}

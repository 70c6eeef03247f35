import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

/**
 * The migrations are written per dialect by hand or generated once; this catches an
 * entity changed without its migration (or the reverse) on the dialect under test.
 */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(() => database.drop());

test("the migrated schema matches the entities exactly", async () => {
  const pending = await database.dataSource.driver.createSchemaBuilder().log();
  expect(pending.upQueries.map((q) => q.query)).toEqual([]);
});

test("no migration is left to run and each ran once", async () => {
  expect(await database.dataSource.showMigrations()).toBe(false);
  const applied: { name: string }[] = await database.dataSource.query("SELECT name FROM schema_migration ORDER BY id");
  const names = applied.map((row) => row.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names.length).toBe(database.dataSource.migrations.length);
});

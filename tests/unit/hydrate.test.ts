import { AssessmentPeriodEntity, OrganizationEntity } from "../../src/entities";
import { AssessmentEntity, ScoreRollupEntity } from "../../src/entities/assessment.entities";
import { hydrate } from "../../src/loaders/hydrate";
import { ScoreImportService } from "../../src/services/scoring/score-import.service";
import { systemContext } from "../../src/services/system-context";
import { buildDepartment } from "../helpers/factories";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db";

/**
 * The loaders' hand-written SQL goes through hydrate(), which skips the driver's conversion
 * for columns that need none. Whatever it skips, an entity must come out exactly as TypeORM's
 * own find() builds it: dates, enums, JSON, bigint transformers, nulls, on both databases.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = systemContext(db.dataSource, "hydrate-test");
  const unit = await buildDepartment(ctx, 2);
  const csv = ["org_code,period,score", `${unit.branches[0].code},2026-H1,91.25`, `${unit.organCommittee.code},2026-H1,77.5`].join("\n");
  await new ScoreImportService().importCsv(ctx, csv);
});
afterAll(() => db.drop());

test.each([
  ["organization", OrganizationEntity],
  ["assessment_period", AssessmentPeriodEntity],
  ["assessment", AssessmentEntity],
  ["score_rollup", ScoreRollupEntity],
] as const)("rows of %s come out as find() builds them", async (table, entity) => {
  const em = db.dataSource.manager;
  const raw: Record<string, unknown>[] = await em.query(`SELECT * FROM ${table}`);
  expect(raw.length).toBeGreaterThan(0);
  const hydrated = hydrate(em, entity as never, raw) as object[];
  const found = (await em.find(entity as never)) as object[];
  const key = (row: object) => JSON.stringify(db.dataSource.getMetadata(entity).getEntityIdMap(row));
  const byKey = new Map(found.map((row) => [key(row), row]));
  expect(hydrated).toHaveLength(found.length);
  for (const row of hydrated) {
    expect(row).toBeInstanceOf(entity);
    expect(row).toEqual(byKey.get(key(row)));
  }
});

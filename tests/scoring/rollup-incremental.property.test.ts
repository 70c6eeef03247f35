import { SeededRandom, seedFromEnv } from "../helpers/seeded-random";
import { toGlobalId } from "../../src/schema/global-id";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { TreeModel, type GradeName } from "./reference-model";

/**
 * The property of DOMAIN.md §3: after thousands of random score writes (imports, computed
 * scores, adjustments), moves, dissolutions and creations, all through the HTTP endpoint,
 * the incrementally maintained roll-ups equal a full recompute exactly, row for row; they
 * also equal an independent in-memory model; a period closed midway keeps every row it had.
 *
 * ZEREN_PROPERTY_SEED replays a run; ZEREN_PROPERTY_OPS sets its length (default 2000).
 */
const SEED = seedFromEnv("ZEREN_PROPERTY_SEED", 20260701);
const OPS = Number(process.env.ZEREN_PROPERTY_OPS ?? 2000);
const OPEN_PERIODS = ["2051", "2051-H1"];
const CLOSING_PERIOD = "2051-Q1";

jest.setTimeout(15 * 60 * 1000);

let server: TestServer;
const random = new SeededRandom(SEED);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface TreeRow {
  id: number;
  parentId: number | null;
  code: string;
  kind: string;
  level: string;
  path: string;
  status: string;
}

async function treeRows(): Promise<TreeRow[]> {
  const rows: Record<string, unknown>[] = await server.dataSource.query("SELECT id, parent_id, code, kind, level, path, status FROM organization ORDER BY id");
  return rows.map((r) => ({
    id: Number(r.id),
    parentId: r.parent_id == null ? null : Number(r.parent_id),
    code: String(r.code),
    kind: String(r.kind),
    level: String(r.level),
    path: String(r.path),
    status: String(r.status),
  }));
}

async function rollupRows(period: string, range?: { lower: string; upper: string }): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = await server.dataSource.query(
    `SELECT r.* FROM score_rollup r JOIN assessment_period p ON p.id = r.period_id WHERE p.code = ?${range ? " AND r.path >= ? AND r.path < ?" : ""} ORDER BY r.organization_id`,
    range ? [period, range.lower, range.upper] : [period],
  );
  // Same shape on both dialects: every integer column as a number.
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v])));
}

async function ok(query: string, variables: Record<string, unknown>) {
  const response = await server.gql(query, variables);
  if (response.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** Two provinces, each with cities, departments (party group → organ committee → branches) and discipline committees. */
function forestCsv(): string {
  const lines = ["code,parent_code,name,kind,level,region_code,member_count"];
  const add = (code: string, parent: string, kind: string, level: string) => lines.push(`${code},${parent},${code},${kind},${level},520000,${random.int(60)}`);
  const department = (prefix: string, wc: string, level: string) => {
    add(`${prefix}-PG`, wc, "PARTY_GROUP", level);
    add(`${prefix}-DC`, `${prefix}-PG`, "DISCIPLINE_COMMITTEE", level);
    add(`${prefix}-OC`, `${prefix}-PG`, "ORGAN_COMMITTEE", level);
    const parent = random.chance(0.4) ? `${prefix}-GB` : `${prefix}-OC`;
    if (parent.endsWith("GB")) add(parent, `${prefix}-OC`, "GENERAL_BRANCH", level);
    for (let b = 0, n = 1 + random.int(4); b < n; b++) add(`${prefix}-B${b}`, parent, "BRANCH", level);
  };
  for (const province of ["P1", "P2"]) {
    add(province, "", "LOCAL_COMMITTEE", "PROVINCE");
    add(`${province}-WC`, province, "WORKING_COMMITTEE", "PROVINCE");
    for (let d = 0; d < 4; d++) department(`${province}-D${d}`, `${province}-WC`, "PROVINCE");
    for (let c = 0; c < 3; c++) {
      const city = `${province}-C${c}`;
      add(city, province, "LOCAL_COMMITTEE", "CITY");
      add(`${city}-WC`, city, "WORKING_COMMITTEE", "CITY");
      for (let d = 0; d < 3; d++) department(`${city}-D${d}`, `${city}-WC`, "CITY");
    }
  }
  return lines.join("\n") + "\n";
}

const MOVE_TARGETS: Record<string, string[]> = {
  BRANCH: ["ORGAN_COMMITTEE", "GENERAL_BRANCH", "WORKING_COMMITTEE"],
  GENERAL_BRANCH: ["ORGAN_COMMITTEE", "WORKING_COMMITTEE"],
  ORGAN_COMMITTEE: ["PARTY_GROUP", "WORKING_COMMITTEE"],
  DISCIPLINE_COMMITTEE: ["PARTY_GROUP", "ORGAN_COMMITTEE"],
  PARTY_GROUP: ["WORKING_COMMITTEE"],
  LOCAL_COMMITTEE: ["LOCAL_COMMITTEE"],
};

const score = () => {
  const hundredths = random.int(10001);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
};

test(`incremental roll-ups equal a full recompute after ${OPS} random operations (seed ${SEED})`, async () => {
  await ok(`mutation($csv: String!) { importOrganizations(csv: $csv) { created } }`, { csv: forestCsv() });
  for (const period of [...OPEN_PERIODS, CLOSING_PERIOD]) await ok(`mutation($c: String!) { createAssessmentPeriod(code: $c) { code } }`, { c: period });
  let open = [...OPEN_PERIODS, CLOSING_PERIOD];
  let frozen: Record<string, unknown>[] | null = null;
  const counts: Record<string, number> = {};
  let created = 0;

  for (let op = 0; op < OPS; op++) {
    if (op === Math.floor(OPS / 2)) {
      await ok(`mutation($c: String!) { closeAssessmentPeriod(code: $c) { status } }`, { c: CLOSING_PERIOD });
      open = [...OPEN_PERIODS];
      frozen = await rollupRows(CLOSING_PERIOD);
    }
    const tree = await treeRows();
    const active = tree.filter((row) => row.status === "ACTIVE");
    const period = random.pick(open);
    const roll = random.next();
    let kind: string;
    if (roll < 0.3) {
      kind = "import one";
      await ok(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv: `org_code,period,score\n${random.pick(active).code},${period},${score()}\n` });
    } else if (roll < 0.38) {
      kind = "import batch";
      const chosen = new Set<string>();
      for (let i = 0, n = 2 + random.int(30); i < n; i++) chosen.add(random.pick(active).code);
      const csv = ["org_code,period,score", ...[...chosen].map((code) => `${code},${period},${score()}`)].join("\n");
      await ok(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv });
    } else if (roll < 0.5) {
      kind = "evaluation";
      const target = random.pick(active);
      await ok(`mutation($i: RecordEvaluationInput!) { recordEvaluation(input: $i) { assessment { score } } }`, {
        i: { organizationId: toGlobalId("Organization", target.id), period, kind: random.pick(["SELF", "CADRE", "COMMITTEE"]), score: Number(score()) },
      });
      if (random.chance(0.3)) {
        kind = "evaluation + compute";
        await ok(`mutation($o: ID!, $p: String!) { computeAssessment(organizationId: $o, period: $p) { assessment { score } } }`, { o: toGlobalId("Organization", target.id), p: period });
      }
    } else if (roll < 0.58) {
      kind = "adjustment";
      const type = random.pick(["BONUS", "DEDUCTION", "VETO"]);
      await ok(`mutation($i: AddAdjustmentInput!) { addAdjustment(input: $i) { assessment { score } } }`, {
        i: { organizationId: toGlobalId("Organization", random.pick(active).id), period, type, points: type === "VETO" ? null : (100 + random.int(900)) / 100, reason: "property" },
      });
    } else if (roll < 0.78) {
      kind = "move";
      const movable = active.filter((row) => row.parentId !== null && MOVE_TARGETS[row.kind]);
      const node = random.pick(movable);
      const parent = tree.find((row) => row.id === node.parentId)!;
      const targets = active.filter(
        (row) => MOVE_TARGETS[node.kind].includes(row.kind) && row.level === parent.level && row.id !== parent.id && !row.path.startsWith(node.path),
      );
      if (targets.length === 0) continue;
      await ok(`mutation($id: ID!, $to: ID!) { moveOrganization(id: $id, newParentId: $to) { id } }`, {
        id: toGlobalId("Organization", node.id),
        to: toGlobalId("Organization", random.pick(targets).id),
      });
    } else if (roll < 0.84) {
      kind = "dissolve";
      const small = active.filter((row) => row.parentId !== null && active.filter((other) => other.path.startsWith(row.path)).length <= 6);
      await ok(`mutation($id: ID!) { dissolveOrganization(id: $id, cascade: true) { status } }`, { id: toGlobalId("Organization", random.pick(small).id) });
    } else if (roll < 0.95) {
      kind = "create";
      const parents = active.filter((row) => ["ORGAN_COMMITTEE", "GENERAL_BRANCH", "WORKING_COMMITTEE"].includes(row.kind));
      created++;
      await ok(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`, {
        i: { code: `NEW-${created}`, name: `新支部 ${created}`, kind: "BRANCH", regionCode: "520000", memberCount: 5, parentId: toGlobalId("Organization", random.pick(parents).id) },
      });
    } else {
      kind = "recompute under (must change nothing)";
      const under = random.pick(active);
      const range = { lower: under.path, upper: under.path.slice(0, -1) + "0" };
      const before = await rollupRows(period);
      await ok(`mutation($p: String!, $u: ID) { recomputeRollups(period: $p, under: $u) { rowCount } }`, { p: period, u: toGlobalId("Organization", under.id) });
      const after = await rollupRows(period);
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        expect({ op, seed: SEED, range, rows: after }).toEqual({ op, seed: SEED, range, rows: before });
      }
    }
    counts[kind] = (counts[kind] ?? 0) + 1;
  }

  // Every kind of operation happened many times.
  for (const kind of ["import one", "import batch", "evaluation", "adjustment", "move", "dissolve", "create"]) {
    expect({ kind, enough: (counts[kind] ?? 0) >= Math.min(20, OPS / 100) }).toEqual({ kind, enough: true });
  }

  const tree = await treeRows();
  const active = tree.filter((row) => row.status === "ACTIVE");
  for (const period of OPEN_PERIODS) {
    const incremental = await rollupRows(period);
    expect(incremental.length).toBe(active.length);
    await ok(`mutation($p: String!) { recomputeRollups(period: $p) { rowCount } }`, { p: period });
    const recomputed = await rollupRows(period);
    expect(recomputed).toEqual(incremental);
    expectModelAgrees(period, incremental, active, await assessments(period));
  }
  // The period closed midway: not one row changed since it closed.
  expect(await rollupRows(CLOSING_PERIOD)).toEqual(frozen);
});

async function assessments(period: string): Promise<Map<number, { score: number; grade: GradeName }>> {
  const rows: Record<string, unknown>[] = await server.dataSource.query(
    "SELECT a.organization_id, a.score_hundredths, a.grade FROM assessment a JOIN assessment_period p ON p.id = a.period_id WHERE p.code = ?",
    [period],
  );
  return new Map(rows.map((r) => [Number(r.organization_id), { score: Number(r.score_hundredths), grade: r.grade as GradeName }]));
}

function expectModelAgrees(period: string, rows: Record<string, unknown>[], active: TreeRow[], scores: Map<number, { score: number; grade: GradeName }>) {
  const activeIds = new Set(active.map((row) => row.id));
  const own = new Map([...scores].filter(([id]) => activeIds.has(id)).map(([id, s]) => [id, s.score]));
  const grades = new Map([...scores].filter(([id]) => activeIds.has(id)).map(([id, s]) => [id, s.grade]));
  const model = new TreeModel(active, own, grades);
  const byId = new Map(active.map((row) => [row.id, row]));
  const mismatches: string[] = [];
  for (const row of rows) {
    const id = Number(row.organization_id);
    const node = byId.get(id)!;
    const expected = model.rollup(id);
    const actual = {
      parentId: row.parent_id === null ? null : Number(row.parent_id),
      path: row.path,
      code: row.code,
      kind: row.kind,
      ownScore: row.own_score === null ? null : Number(row.own_score),
      organizationCount: Number(row.organization_count),
      assessedCount: Number(row.assessed_count),
      scoreSum: Number(row.score_sum),
      minScore: row.min_score === null ? null : Number(row.min_score),
      maxScore: row.max_score === null ? null : Number(row.max_score),
      grades: { EXCELLENT: Number(row.excellent_count), GOOD: Number(row.good_count), FAIR: Number(row.fair_count), POOR: Number(row.poor_count) },
      childrenAssessedCount: Number(row.children_assessed_count),
      childrenScoreSum: Number(row.children_score_sum),
    };
    const wanted = {
      parentId: node.parentId,
      path: node.path,
      code: node.code,
      kind: node.kind,
      ownScore: own.get(id) ?? null,
      organizationCount: expected.organizationCount,
      assessedCount: expected.assessedCount,
      scoreSum: expected.scoreSum,
      minScore: expected.minScore,
      maxScore: expected.maxScore,
      grades: expected.grades,
      childrenAssessedCount: expected.childrenAssessedCount,
      childrenScoreSum: expected.childrenScoreSum,
    };
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) mismatches.push(`${period} #${id}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(wanted)}`);
    // MEAN_OF_CHILDREN: each node rounds half a unit (10^-10 points) at most, so the error stays below one unit per level.
    if (expected.moc === null) {
      if (row.moc_value !== null) mismatches.push(`${period} #${id}: moc ${row.moc_value}, expected null`);
    } else {
      const exactUnits = (expected.moc.n * 100_000_000n * 1000n) / expected.moc.d; // thousandths of a unit
      const diff = Number(BigInt(Number(row.moc_value)) * 1000n - exactUnits);
      if (Math.abs(diff) > 20 * 1000) mismatches.push(`${period} #${id}: moc ${row.moc_value} vs exact ${Number(exactUnits) / 1000}`);
    }
  }
  expect(mismatches).toEqual([]);
}

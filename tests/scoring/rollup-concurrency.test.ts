import { toGlobalId } from "../../src/schema/global-id";
import { SeededRandom } from "../helpers/seeded-random";
import { startTestServer, type TestServer } from "../helpers/test-server";

/**
 * Concurrent writers (on MariaDB: separate connections and transactions) in one tree: score
 * writes, evaluations of the same organisation, adjustments and subtree moves all at once.
 * Afterwards the stored roll-ups still equal a full recompute, and no evaluation was lost
 * from a computed score.
 */
jest.setTimeout(5 * 60 * 1000);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function departmentsCsv(): string {
  const lines = ["code,parent_code,name,kind,level,region_code,member_count", "CC,,省委,LOCAL_COMMITTEE,PROVINCE,520000,10", "CC-WC,CC,工委,WORKING_COMMITTEE,PROVINCE,520000,10"];
  for (let d = 0; d < 6; d++) {
    lines.push(`CC-D${d},CC-WC,党组${d},PARTY_GROUP,PROVINCE,520000,10`, `CC-D${d}-OC,CC-D${d},机关党委${d},ORGAN_COMMITTEE,PROVINCE,520000,10`);
    for (let b = 0; b < 5; b++) lines.push(`CC-D${d}-B${b},CC-D${d}-OC,支部${d}-${b},BRANCH,PROVINCE,520000,10`);
  }
  return lines.join("\n") + "\n";
}

async function ids(): Promise<Map<string, number>> {
  const rows: { id: number | string; code: string }[] = await server.dataSource.query("SELECT id, code FROM organization");
  return new Map(rows.map((r) => [r.code, Number(r.id)]));
}

async function rows(): Promise<unknown[]> {
  const found: Record<string, unknown>[] = await server.dataSource.query("SELECT * FROM score_rollup ORDER BY period_id, organization_id");
  return found.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v])));
}

test("concurrent score writes, evaluations of one organisation, adjustments and moves leave exact roll-ups", async () => {
  const random = new SeededRandom(7);
  await server.gql(`mutation($csv: String!) { importOrganizations(csv: $csv) { created } }`, { csv: departmentsCsv() });
  await server.gql(`mutation { createAssessmentPeriod(code: "2060") { code } }`);
  const id = await ids();
  const org = (code: string) => toGlobalId("Organization", id.get(code)!);
  // The first write builds the period's rows.
  await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv: "org_code,period,score\nCC,2060,90\n" });

  const work: Promise<{ errors?: unknown[] }>[] = [];
  for (let round = 0; round < 3; round++) {
    for (let d = 0; d < 6; d++) {
      // Three evaluations of one organ committee at once: none may be lost.
      for (const kind of ["SELF", "CADRE", "COMMITTEE"]) {
        work.push(server.gql(`mutation($i: RecordEvaluationInput!) { recordEvaluation(input: $i) { assessment { score } } }`, {
          i: { organizationId: org(`CC-D${d}-OC`), period: "2060", kind, score: (6000 + random.int(4000)) / 100 },
        }));
      }
      work.push(server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, {
        csv: `org_code,period,score\nCC-D${d}-B${random.int(5)},2060,${50 + random.int(50)}\nCC-D${d},2060,${70 + random.int(30)}\n`,
      }));
      work.push(server.gql(`mutation($i: AddAdjustmentInput!) { addAdjustment(input: $i) { assessment { score } } }`, {
        i: { organizationId: org(`CC-D${d}-OC`), period: "2060", type: "BONUS", points: 1, reason: "concurrent" },
      }));
    }
    // Branch b of department d moves to department (d + 1) mod 6 in round 0 and back afterwards.
    for (let d = 0; d < 6; d++) {
      const branch = `CC-D${d}-B${round}`;
      work.push(server.gql(`mutation($id: ID!, $to: ID!) { moveOrganization(id: $id, newParentId: $to) { id } }`, {
        id: org(branch),
        to: org(`CC-D${(d + 1) % 6}-OC`),
      }));
    }
  }
  const results = await Promise.all(work);
  const failures = results.filter((r) => r.errors);
  expect(failures).toEqual([]);

  const before = await rows();
  const recomputed = await server.gql(`mutation { recomputeRollups(period: "2060") { rowCount } }`);
  expect(recomputed.data.recomputeRollups.rowCount).toBe(2 + 6 * 7);
  expect(await rows()).toEqual(before);

  // Every computed organ committee score includes all three evaluations: recomputing changes nothing.
  for (let d = 0; d < 6; d++) {
    const stored = await server.gql(`query($o: ID!) { node(id: $o) { ... on Organization { assessment(period: "2060") { score provenance } } } }`, { o: org(`CC-D${d}-OC`) });
    expect(stored.data.node.assessment.provenance.evaluations.entries).toHaveLength(3);
    expect(stored.data.node.assessment.provenance.bonus.entries).toHaveLength(3);
    const again = await server.gql(`mutation($o: ID!) { computeAssessment(organizationId: $o, period: "2060") { assessment { score } } }`, { o: org(`CC-D${d}-OC`) });
    expect(again.data.computeAssessment.assessment.score).toBe(stored.data.node.assessment.score);
  }
});

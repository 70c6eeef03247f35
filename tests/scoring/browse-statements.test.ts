import { OrganizationImportService } from "../../src/services/organization-import.service";
import { ScoreImportService } from "../../src/services/scoring/score-import.service";
import { toGlobalId } from "../../src/schema/global-id";
import { wideTreeCsv } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/test-server";

/**
 * The browse query with an own score and a roll-up (both methods) at every node must cost
 * O(depth) statements, not O(nodes): the same count for 5 and for 50 children per node.
 */
const BROWSE = /* GraphQL */ `
  query Browse($id: ID!, $p: String!) {
    node(id: $id) {
      ... on Organization {
        code
        assessment(period: $p) { score grade source }
        rollup(period: $p) { organizationCount assessedCount averageScore childrenAverage attenuation gradeDistribution { grade count } }
        children(first: 50) {
          nodes {
            code
            assessment(period: $p) { score grade }
            rollup(period: $p) { averageScore attenuation coverage }
            moc: rollup(period: $p, method: MEAN_OF_CHILDREN) { averageScore }
            children(first: 50) {
              nodes { code assessment(period: $p) { score } rollup(period: $p) { averageScore } moc: rollup(period: $p, method: MEAN_OF_CHILDREN) { averageScore } }
            }
          }
        }
      }
    }
  }
`;

/** The same browse without score fields: what the tree costs on its own. */
const PLAIN = BROWSE.replace(/ (assessment|rollup|moc: rollup)\(period: \$p[^)]*\) \{[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, "").replace(", $p: String!", "");

let server: TestServer;
const ids = new Map<string, number>();

beforeAll(async () => {
  server = await startTestServer();
  for (const [prefix, fanOut] of [["NARROW", 5], ["WIDE", 50]] as const) {
    const csv = wideTreeCsv(prefix, fanOut);
    const summary = await new OrganizationImportService().importCsv(server.context(), csv);
    ids.set(prefix, summary.roots[0].id);
    const codes = csv.trim().split("\n").slice(1).map((line) => line.split(",")[0]);
    const scores = ["org_code,period,score", ...codes.map((code, i) => `${code},2026-Q2,${60 + (i % 40)}.${String(i % 100).padStart(2, "0")}`)];
    await new ScoreImportService().importCsv(server.context(), scores.join("\n"));
  }
});

afterAll(() => server.close());

async function browse(prefix: string, query = BROWSE) {
  const response = await server.gql(query, { id: toGlobalId("Organization", ids.get(prefix)!), p: "2026-Q2" });
  expect(response.errors).toBeUndefined();
  return response;
}

test("a nested browse with scores and roll-ups costs a few statements per level, for 5 as for 50 children per node", async () => {
  const narrow = await browse("NARROW");
  const wide = await browse("WIDE");
  expect(wide.data.node.rollup.organizationCount).toBe(1 + 50 + 2500);
  expect(wide.data.node.rollup.assessedCount).toBe(2551);
  const grandchildren = wide.data.node.children.nodes.flatMap((city: any) => city.children.nodes);
  expect(grandchildren).toHaveLength(2500);
  expect(grandchildren.every((g: any) => g.assessment !== null && g.rollup.averageScore === g.assessment.score)).toBe(true);
  expect(Number.isFinite(narrow.statements)).toBe(true);
  // What the score fields add: the period and its build state once, and per level one batch
  // each for own scores and roll-up rows: at most 8 for three levels (fewer when the root's
  // batches happen to meet its children's). One per node would be 2551 here.
  for (const [prefix, withScores] of [["NARROW", narrow], ["WIDE", wide]] as const) {
    const plain = await browse(prefix, PLAIN);
    expect(plain.data.node.rollup).toBeUndefined();
    expect(withScores.statements - plain.statements).toBeGreaterThan(0);
    expect(withScores.statements - plain.statements).toBeLessThanOrEqual(8);
  }
});

test("provenance, read without it by the browse, costs one more batch per level when asked, whatever the width", async () => {
  const withProvenance = (prefix: string) =>
    server.gql(`query($id: ID!, $p: String!) { node(id: $id) { ... on Organization { children(first: 50) { nodes { code assessment(period: $p) { score provenance } } } } } }`, {
      id: toGlobalId("Organization", ids.get(prefix)!),
      p: "2026-Q2",
    });
  const withoutProvenance = (prefix: string) =>
    server.gql(`query($id: ID!, $p: String!) { node(id: $id) { ... on Organization { children(first: 50) { nodes { code assessment(period: $p) { score } } } } } }`, {
      id: toGlobalId("Organization", ids.get(prefix)!),
      p: "2026-Q2",
    });
  for (const prefix of ["NARROW", "WIDE"]) {
    const asked = await withProvenance(prefix);
    const plain = await withoutProvenance(prefix);
    expect(asked.errors).toBeUndefined();
    const nodes = asked.data.node.children.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node.assessment.provenance).toMatchObject({ source: "IMPORTED", period: "2026-Q2", score: node.assessment.score.toFixed(2) });
    expect(asked.statements - plain.statements).toBe(1);
  }
});

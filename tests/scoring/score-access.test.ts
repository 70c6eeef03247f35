import { toGlobalId } from "../../src/schema/global-id";
import { buildDepartment } from "../helpers/factories";
import { loginThroughHttp } from "../helpers/test-auth";
import { startTestServer, type TestServer } from "../helpers/test-server";

/**
 * Who may read and write scores (DOMAIN.md §5): the scope is a subtree; its ancestors are
 * readable by name only, so their scores are not; subtree-wide reports stop at the scope;
 * only ASSESSOR (and ADMIN) write scores, inside their scope.
 */
let server: TestServer;
let dept: Awaited<ReturnType<typeof buildDepartment>>;
let viewer: string;
let assessor: string;
let outsideAssessor: string;
const PERIOD = "2057";
const gid = (id: number) => toGlobalId("Organization", id);

beforeAll(async () => {
  server = await startTestServer();
  dept = await buildDepartment(server.context(), 2);
  const other = await buildDepartment(server.context(), 1);
  const scores = [dept.province, dept.workingCommittee, dept.partyGroup, dept.organCommittee, ...dept.branches, other.province, other.branches[0]].map(
    (org, i) => `${org.code},${PERIOD},${80 + i}`,
  );
  const imported = await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv: ["org_code,period,score", ...scores].join("\n") });
  expect(imported.errors).toBeUndefined();
  const user = async (username: string, role: string, scopeId: number) => {
    const created = await server.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { username, password: "password-of-" + username, role, scopeId: gid(scopeId) },
    });
    expect(created.errors).toBeUndefined();
    return loginThroughHttp(server.graphqlUrl, username, "password-of-" + username);
  };
  viewer = await user("pg-viewer", "VIEWER", dept.partyGroup.id);
  assessor = await user("pg-assessor", "ASSESSOR", dept.partyGroup.id);
  outsideAssessor = await user("other-assessor", "ASSESSOR", other.province.id);
});

afterAll(() => server.close());

const as = (token: string) => ({ authorization: `Bearer ${token}` });

test("inside the scope every score field reads; the chain shows ancestors above the scope by name only", async () => {
  const response = await server.gql(
    `query($o: ID!, $p: String!) { node(id: $o) { ... on Organization { assessment(period: $p) { score } rollup(period: $p) { organizationCount averageScore }
      pressureChain(period: $p) { organization { code } ownScore dropFromParent } } } }`,
    { o: gid(dept.organCommittee.id), p: PERIOD },
    as(viewer),
  );
  expect(response.errors).toBeUndefined();
  expect(response.data.node.assessment).toEqual({ score: 83 });
  expect(response.data.node.rollup).toEqual({ organizationCount: 3, averageScore: (8300 + 8400 + 8500) / 300 });
  expect(response.data.node.pressureChain).toEqual([
    { organization: { code: dept.province.code }, ownScore: null, dropFromParent: null },
    { organization: { code: dept.workingCommittee.code }, ownScore: null, dropFromParent: null },
    { organization: { code: dept.partyGroup.code }, ownScore: 82, dropFromParent: null },
    { organization: { code: dept.organCommittee.code }, ownScore: 83, dropFromParent: -1 },
  ]);
});

test("an ancestor of the scope: its scores are FORBIDDEN", async () => {
  const response = await server.gql(`query($o: ID!, $p: String!) { node(id: $o) { ... on Organization { code rollup(period: $p) { averageScore } } } }`, {
    o: gid(dept.province.id),
    p: PERIOD,
  }, as(viewer));
  expect(response.errors?.[0].extensions?.code).toBe("FORBIDDEN");
});

test("rankings, hot spots and the report stop at the scope", async () => {
  const response = await server.gql(
    `query($p: String!, $u: ID) { rankings(period: $p, first: 100) { organization { code } }
       under: rankings(period: $p, under: $u, first: 100) { organization { code } }
       transmissionReport(period: $p) { upperLevelsVsBranches { upper { organizationCount } lower { organizationCount } } } }`,
    { p: PERIOD, u: gid(dept.province.id) },
    as(viewer),
  );
  expect(response.errors).toBeUndefined();
  const inScope = [dept.partyGroup, dept.organCommittee, ...dept.branches].map((o) => o.code).sort();
  expect(response.data.rankings.map((r: any) => r.organization.code).sort()).toEqual(inScope);
  expect(response.data.under.map((r: any) => r.organization.code).sort()).toEqual(inScope);
  expect(response.data.transmissionReport.upperLevelsVsBranches).toEqual({ upper: { organizationCount: 2 }, lower: { organizationCount: 2 } });
});

test("writes: a VIEWER may not; an ASSESSOR may inside its scope only", async () => {
  const evaluate = (token: string, organizationId: number) =>
    server.gql(`mutation($i: RecordEvaluationInput!) { recordEvaluation(input: $i) { assessment { score source } } }`, {
      i: { organizationId: gid(organizationId), period: PERIOD, kind: "SELF", score: 70 },
    }, as(token));
  expect((await evaluate(viewer, dept.branches[0].id)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  expect((await evaluate(outsideAssessor, dept.branches[0].id)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  const allowed = await evaluate(assessor, dept.branches[0].id);
  expect(allowed.errors).toBeUndefined();
  const adjusted = await server.gql(`mutation($i: AddAdjustmentInput!) { addAdjustment(input: $i) { adjustment { createdBy } } }`, {
    i: { organizationId: gid(dept.branches[0].id), period: PERIOD, type: "BONUS", points: 1, reason: "r" },
  }, as(assessor));
  expect(adjusted.data.addAdjustment.adjustment.createdBy).toBe("pg-assessor");
  const importOutside = await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, {
    csv: `org_code,period,score\n${dept.branches[1].code},${PERIOD},70\n${dept.province.code},${PERIOD},70\n`,
  }, as(assessor));
  expect(importOutside.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  expect((importOutside.errors![0].extensions!.problems as any[]).map((p) => [p.line, p.reason])).toEqual([[3, `organisation "${dept.province.code}" is outside your scope`]]);
  const recompute = await server.gql(`mutation($p: String!) { recomputeRollups(period: $p) { rowCount } }`, { p: PERIOD }, as(assessor));
  expect(recompute.errors?.[0].extensions?.code).toBe("FORBIDDEN");
});

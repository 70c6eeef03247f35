import { OrgKind, type OrganizationEntity } from "../../src/entities";
import { toGlobalId } from "../../src/schema/global-id";
import { buildDepartment, buildOrganization } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/test-server";

/** 述职评议 through the HTTP endpoint, and the "secretaries vs other leadership members" comparison it feeds. */
let server: TestServer;
let dept: Awaited<ReturnType<typeof buildDepartment>>;
const appointments = new Map<string, string>();
const PERIOD = "2055";

beforeAll(async () => {
  server = await startTestServer();
  dept = await buildDepartment(server.context(), 1);
  await server.gql(`mutation { createAssessmentPeriod(code: "${PERIOD}") { code } }`);
  const appoint = async (name: string, organization: OrganizationEntity, postKind: string, startDate = "2050-01-01", endDate: string | null = null) => {
    const person = await server.gql(`mutation($n: String!) { createPerson(name: $n) { id } }`, { n: name });
    const response = await server.gql(`mutation($i: AppointInput!) { appoint(input: $i) { id } }`, {
      i: { personId: person.data.createPerson.id, organizationId: toGlobalId("Organization", organization.id), postKind, startDate, endDate },
    });
    expect(response.errors).toBeUndefined();
    appointments.set(name, response.data.appoint.id);
  };
  await appoint("党组书记甲", dept.partyGroup, "PARTY_GROUP_SECRETARY");
  await appoint("成员乙", dept.partyGroup, "PARTY_GROUP_MEMBER");
  await appoint("成员丙", dept.partyGroup, "PARTY_GROUP_MEMBER");
  await appoint("支书丁", dept.branches[0], "BRANCH_SECRETARY");
  const disciplineCommittee = await buildOrganization(server.context(), { kind: OrgKind.DISCIPLINE_COMMITTEE, parent: dept.partyGroup });
  await appoint("纪委书记戊", disciplineCommittee, "DISCIPLINE_SECRETARY");
  await appoint("前任", dept.organCommittee, "ORGAN_COMMITTEE_SECRETARY", "2040-01-01", "2041-12-31");
});

afterAll(() => server.close());

const POST_SCORE = `appointment { id postKind } period { code } assessment { score grade source provenance }`;

test("a post holder's score by the formula: three evaluations, one as ballots", async () => {
  const id = appointments.get("党组书记甲")!;
  const record = (kind: string, score: number | null, ballots?: object) =>
    server.gql(`mutation($i: RecordPostEvaluationInput!) { recordPostEvaluation(input: $i) { ${POST_SCORE} } }`, {
      i: { appointmentId: id, period: PERIOD, kind, score, ballots },
    });
  expect((await record("SELF", 95)).data.recordPostEvaluation.assessment).toMatchObject({ score: 95, grade: "EXCELLENT", source: "COMPUTED" });
  await record("CADRE", null, { excellent: 40, good: 8, fair: 2, poor: 0 }); // 100·(40 + 6.4 + 1.2)/50 = 95.2
  const response = await record("COMMITTEE", 90);
  // 0.2·95 + 0.4·95.2 + 0.4·90 = 19 + 38.08 + 36 = 93.08
  expect(response.errors).toBeUndefined();
  expect(response.data.recordPostEvaluation.assessment).toMatchObject({ score: 93.08, grade: "EXCELLENT" });
  expect(response.data.recordPostEvaluation.appointment).toEqual({ id, postKind: "PARTY_GROUP_SECRETARY" });

  const veto = await server.gql(`mutation($i: AddPostAdjustmentInput!) { addPostAdjustment(input: $i) { ${POST_SCORE} } }`, {
    i: { appointmentId: id, period: PERIOD, type: "DEDUCTION", points: 3.08, reason: "谈话不到位" },
  });
  expect(veto.data.addPostAdjustment.assessment).toMatchObject({ score: 90, grade: "EXCELLENT" });

  const read = await server.gql(`query($a: ID!, $p: String!) { postAssessment(appointmentId: $a, period: $p) { score grade period { code } }
      appointment(id: $a) { assessment(period: $p) { score source } } }`, { a: id, p: PERIOD });
  expect(read.data).toEqual({ postAssessment: { score: 90, grade: "EXCELLENT", period: { code: PERIOD } }, appointment: { assessment: { score: 90, source: "COMPUTED" } } });
});

test("importPostScores finds the appointment by organisation, post and person, all or nothing", async () => {
  const bad = await server.gql(`mutation($csv: String!) { importPostScores(csv: $csv) { imported } }`, {
    csv: [
      "org_code,post_kind,person,period,score",
      `${dept.partyGroup.code},PARTY_GROUP_MEMBER,成员乙,${PERIOD},70`,
      `${dept.partyGroup.code},PARTY_GROUP_MEMBER,无此人,${PERIOD},70`,
      `${dept.partyGroup.code},CHAIRMAN,成员乙,${PERIOD},70`,
      `${dept.organCommittee.code},ORGAN_COMMITTEE_SECRETARY,前任,${PERIOD},70`,
      `${dept.partyGroup.code},PARTY_GROUP_MEMBER,成员乙,${PERIOD},71`,
    ].join("\n"),
  });
  expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  expect((bad.errors![0].extensions!.problems as any[]).map((p) => [p.line, p.column])).toEqual([
    [3, "person"],
    [4, "post_kind"],
    [5, "person"],
    [6, "person"],
  ]);
  const good = await server.gql(`mutation($csv: String!) { importPostScores(csv: $csv) { imported replaced periods createdPeriods } }`, {
    csv: [
      "org_code,post_kind,person,period,score",
      `${dept.partyGroup.code},PARTY_GROUP_MEMBER,成员乙,${PERIOD},70`,
      `${dept.partyGroup.code},PARTY_GROUP_MEMBER,成员丙,${PERIOD},75.5`,
      `${dept.branches[0].code},BRANCH_SECRETARY,支书丁,${PERIOD},80`,
      `${dept.partyGroup.code},DISCIPLINE_SECRETARY,纪委书记戊,${PERIOD},99`,
    ].join("\n"),
  });
  // The discipline secretary sits in the discipline committee, not the party group.
  expect(good.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  const dc = await server.gql(`query($a: ID!) { appointment(id: $a) { id } }`, { a: appointments.get("纪委书记戊") });
  expect(dc.errors).toBeUndefined();
  const fixed = await server.gql(`mutation($csv: String!) { importPostScores(csv: $csv) { imported replaced periods createdPeriods } }`, {
    csv: [
      "org_code,post_kind,person,period,score",
      `${dept.partyGroup.code},PARTY_GROUP_MEMBER,成员乙,${PERIOD},70`,
      `${dept.partyGroup.code},PARTY_GROUP_MEMBER,成员丙,${PERIOD},75.5`,
      `${dept.branches[0].code},BRANCH_SECRETARY,支书丁,${PERIOD},80`,
    ].join("\n"),
  });
  expect(fixed.errors).toBeUndefined();
  expect(fixed.data.importPostScores).toEqual({ imported: 3, replaced: 0, periods: [PERIOD], createdPeriods: [] });
});

test("transmission report: secretaries vs other leadership members, from post assessments of the subtree", async () => {
  const response = await server.gql(`query($p: String!, $u: ID) { transmissionReport(period: $p, under: $u) {
      secretariesVsMembers { upper { label members organizationCount assessedCount averageScore } lower { members assessedCount averageScore } difference } } }`, {
    p: PERIOD,
    u: toGlobalId("Organization", dept.province.id),
  });
  expect(response.errors).toBeUndefined();
  const comparison = response.data.transmissionReport.secretariesVsMembers;
  // Secretaries: 党组书记甲 90 and 支书丁 80 → 85; members: 70 and 75.5 → 72.75.
  expect(comparison.upper).toMatchObject({ organizationCount: null, assessedCount: 2, averageScore: 85 });
  expect(comparison.upper.members).toEqual(expect.arrayContaining(["PARTY_GROUP_SECRETARY", "BRANCH_SECRETARY"]));
  expect(comparison.upper.members).not.toContain("DISCIPLINE_SECRETARY");
  expect(comparison.lower).toEqual({ members: ["PARTY_GROUP_MEMBER"], assessedCount: 2, averageScore: 72.75 });
  expect(comparison.difference).toBe(12.25);
});

test("a post not held during the period is refused", async () => {
  const response = await server.gql(`mutation($i: RecordPostEvaluationInput!) { recordPostEvaluation(input: $i) { assessment { score } } }`, {
    i: { appointmentId: appointments.get("前任"), period: PERIOD, kind: "SELF", score: 80 },
  });
  expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
});

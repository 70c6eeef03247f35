import { PostKind } from "../../src/entities/responsibility.entities";
import { toGlobalId } from "../../src/schema/global-id";
import { registerItemCompletionSource } from "../../src/services/scoring/scoring-inputs";
import { AppointmentService } from "../../src/services/responsibility/appointment.service";
import { PersonService } from "../../src/services/responsibility/person.service";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { aid, buildUnit, createPeriod, errorOf, gid, ok, recordProblem, today, userHeaders, type Unit } from "./helpers";

/**
 * 问责 and 一案双查 through the HTTP endpoint: forms per subject in order of severity, the
 * problems a case rests on, who decided and when; a case against a wrongdoer at O opens the
 * leadership reviews of O's secretary and of the leader in charge, queried together, decided
 * or cleared later (and counted for the post holder once decided).
 */
let server: TestServer;
let unit: Unit;
let wrongdoerId: number;

const CASE = `id kind reviewRole subjectType status form severityRank decidedOn incidentOn description resolution
  organization { id } appointment { id } decidingOrganization { id } problems { id }
  primaryCase { id } leadershipReviews { id reviewRole status appointment { id } organization { id } } caseGroup { id kind reviewRole }`;

beforeAll(async () => {
  server = await startTestServer();
  registerItemCompletionSource({ completions: async () => [] }, { postCompletions: async () => [] });
  unit = await buildUnit(server);
  const ctx = server.context();
  const person = await new PersonService().create(ctx, "违纪成员");
  wrongdoerId = (await new AppointmentService().appoint(ctx, { personId: person.id, organizationId: unit.partyGroup.id, postKind: PostKind.PARTY_GROUP_MEMBER, startDate: "2020-01-01" })).id;
  await createPeriod(server, "2026-Q2");
});

afterEach(() => today(null));
afterAll(() => server.close());

function open(input: Record<string, unknown>, headers?: Record<string, string>) {
  return server.gql(`mutation($i: OpenAccountabilityCaseInput!) { openAccountabilityCase(input: $i) { ${CASE} } }`, {
    i: { form: "CIRCULATION", decidingOrganizationId: gid(unit.workingCommittee), decidedOn: "2026-05-01", description: "违反中央八项规定精神", ...input },
  }, headers);
}

test("a case against a wrongdoer opens the reviews of the secretary and the leader in charge, queried together", async () => {
  today("2026-05-10");
  const problem = ok(await recordProblem(server, unit.partyGroupDuty, { foundOn: "2026-04-01" })).recordProblem;
  const primary = ok(
    await open({ appointmentId: aid(wrongdoerId), form: "ADMONITION", problemIds: [problem.id], leaderInChargeId: aid(unit.partyGroupMember.id), incidentOn: "2026-03-15" }),
  ).openAccountabilityCase;
  expect(primary).toMatchObject({
    kind: "DIRECT",
    reviewRole: null,
    subjectType: "POST_HOLDER",
    status: "DECIDED",
    form: "ADMONITION",
    severityRank: 2,
    decidedOn: "2026-05-01",
    incidentOn: "2026-03-15",
    organization: { id: gid(unit.partyGroup) },
    appointment: { id: aid(wrongdoerId) },
    decidingOrganization: { id: gid(unit.workingCommittee) },
    problems: [{ id: problem.id }],
    primaryCase: null,
  });
  expect(primary.leadershipReviews).toEqual([
    { id: expect.any(String), reviewRole: "SECRETARY", status: "UNDER_REVIEW", appointment: { id: aid(unit.partyGroupSecretary.id) }, organization: { id: gid(unit.partyGroup) } },
    { id: expect.any(String), reviewRole: "LEADER_IN_CHARGE", status: "UNDER_REVIEW", appointment: { id: aid(unit.partyGroupMember.id) }, organization: { id: gid(unit.partyGroup) } },
  ]);
  const group = [
    { id: primary.id, kind: "DIRECT", reviewRole: null },
    { id: primary.leadershipReviews[0].id, kind: "LEADERSHIP_REVIEW", reviewRole: "SECRETARY" },
    { id: primary.leadershipReviews[1].id, kind: "LEADERSHIP_REVIEW", reviewRole: "LEADER_IN_CHARGE" },
  ];
  expect(primary.caseGroup).toEqual(group);

  // From a review: the same group, its direct case, and the problems of the direct case.
  const review = ok(await server.gql(`query($id: ID!) { accountabilityCase(id: $id) { ${CASE} } }`, { id: primary.leadershipReviews[0].id })).accountabilityCase;
  expect(review).toMatchObject({ kind: "LEADERSHIP_REVIEW", status: "UNDER_REVIEW", form: null, severityRank: null, decidedOn: null, primaryCase: { id: primary.id }, leadershipReviews: [], problems: [{ id: problem.id }] });
  expect(review.caseGroup).toEqual(group);
  const asNode = ok(await server.gql(`query($id: ID!) { node(id: $id) { __typename ... on AccountabilityCase { caseGroup { id } } } }`, { id: primary.leadershipReviews[1].id })).node;
  expect(asNode).toEqual({ __typename: "AccountabilityCase", caseGroup: group.map(({ id }) => ({ id })) });
  const onProblem = ok(await server.gql(`query($id: ID!) { problem(id: $id) { accountabilityCases { id } } }`, { id: problem.id })).problem;
  expect(onProblem.accountabilityCases).toEqual([{ id: primary.id }]);
  const listed = ok(await server.gql(`query($u: ID!) { accountabilityCases(filter: { under: $u, kind: LEADERSHIP_REVIEW }) { totalCount } }`, { u: gid(unit.partyGroup) })).accountabilityCases;
  expect(listed.totalCount).toBeGreaterThanOrEqual(2);
});

test("reviews are decided (counting for the post holder from then on) or cleared, once", async () => {
  today("2026-05-10");
  const memberId = aid(unit.partyGroupMember.id);
  ok(await server.gql(`mutation($i: RecordPostEvaluationInput!) { recordPostEvaluation(input: $i) { assessment { score } } }`, { i: { appointmentId: memberId, period: "2026-Q2", kind: "SELF", score: 90 } }));
  const primary = ok(await open({ appointmentId: aid(wrongdoerId), leaderInChargeId: memberId })).openAccountabilityCase;
  const [secretaryReview, memberReview] = primary.leadershipReviews;
  const postScore = async () =>
    ok(await server.gql(`query($id: ID!) { appointment(id: $id) { assessment(period: "2026-Q2") { score } } }`, { id: memberId })).appointment.assessment.score;
  expect(await postScore()).toBe(90);

  const decide = (caseId: string, extra: Record<string, unknown> = {}) =>
    server.gql(`mutation($i: DecideLeadershipReviewInput!) { decideLeadershipReview(input: $i) { ${CASE} } }`, {
      i: { caseId, form: "CIRCULATION", decidingOrganizationId: gid(unit.workingCommittee), decidedOn: "2026-05-08", resolution: "分管领导监管不力", ...extra },
    });
  expect(errorOf(await decide(memberReview.id, { form: "REORGANIZATION" })).code).toBe("BAD_USER_INPUT");
  expect(errorOf(await decide(memberReview.id, { decidedOn: "2026-04-30" })).code).toBe("BAD_USER_INPUT");
  expect(errorOf(await decide(memberReview.id, { decidedOn: "2026-05-11" })).code).toBe("BAD_USER_INPUT");
  expect(errorOf(await decide(primary.id)).code).toBe("CONFLICT");

  const decided = ok(await decide(memberReview.id)).decideLeadershipReview;
  expect(decided).toMatchObject({ status: "DECIDED", form: "CIRCULATION", severityRank: 1, decidedOn: "2026-05-08", resolution: "分管领导监管不力", decidingOrganization: { id: gid(unit.workingCommittee) } });
  expect(await postScore()).toBe(85);
  const again = errorOf(await decide(memberReview.id));
  expect(again.code).toBe("CONFLICT");
  expect(again.message).toContain("is DECIDED");

  const cleared = ok(await server.gql(`mutation($id: ID!) { clearLeadershipReview(id: $id, resolution: "已履行监督职责") { status form resolution } }`, { id: secretaryReview.id })).clearLeadershipReview;
  expect(cleared).toEqual({ status: "CLEARED", form: null, resolution: "已履行监督职责" });
  expect(errorOf(await server.gql(`mutation($id: ID!) { clearLeadershipReview(id: $id, resolution: "x") { status } }`, { id: secretaryReview.id })).code).toBe("CONFLICT");
});

test("a wrongdoer who is the secretary is not reviewed twice; a leader in charge above the organisation is reviewed there", async () => {
  today("2026-05-10");
  const primary = ok(await open({ appointmentId: aid(unit.branchSecretaries[0].id), leaderInChargeId: aid(unit.partyGroupMember.id) })).openAccountabilityCase;
  expect(primary.organization).toEqual({ id: gid(unit.branches[0]) });
  expect(primary.leadershipReviews).toEqual([
    { id: expect.any(String), reviewRole: "LEADER_IN_CHARGE", status: "UNDER_REVIEW", appointment: { id: aid(unit.partyGroupMember.id) }, organization: { id: gid(unit.partyGroup) } },
  ]);
});

test("a case against an organisation: its forms in order of severity, and no reviews", async () => {
  today("2026-05-10");
  const forms = ["INSPECTION_ORDER", "CIRCULATION", "REORGANIZATION"];
  for (const [i, form] of forms.entries()) {
    const made = ok(await open({ organizationId: gid(unit.organCommittee), form, decidingOrganizationId: gid(unit.disciplineCommittee) })).openAccountabilityCase;
    expect(made).toMatchObject({ subjectType: "ORGANIZATION", form, severityRank: i + 1, appointment: null, leadershipReviews: [] });
  }
});

test("bad input, unknown ids and scope", async () => {
  today("2026-05-10");
  const bad = async (input: Record<string, unknown>) => expect(errorOf(await open(input)).code).toBe("BAD_USER_INPUT");
  await bad({});
  await bad({ organizationId: gid(unit.organCommittee), appointmentId: aid(wrongdoerId) });
  await bad({ organizationId: gid(unit.organCommittee), form: "ADMONITION" });
  await bad({ appointmentId: aid(wrongdoerId), form: "REORGANIZATION" });
  await bad({ organizationId: gid(unit.organCommittee), leaderInChargeId: aid(unit.partyGroupMember.id) });
  await bad({ organizationId: gid(unit.partyGroup), decidingOrganizationId: gid(unit.branches[0]) });
  await bad({ organizationId: gid(unit.partyGroup), decidingOrganizationId: gid(unit.partyGroup) });
  await bad({ organizationId: gid(unit.organCommittee), decidedOn: "2026-05-11" });
  await bad({ organizationId: gid(unit.organCommittee), description: " " });
  await bad({ appointmentId: aid(wrongdoerId), leaderInChargeId: aid(unit.branchSecretaries[1].id) });
  await bad({ appointmentId: aid(wrongdoerId), leaderInChargeId: aid(wrongdoerId) });
  const otherProblem = ok(await recordProblem(server, unit.partyGroupDuty)).recordProblem;
  await bad({ organizationId: gid(unit.organCommittee), problemIds: [otherProblem.id] });
  expect(errorOf(await open({ organizationId: gid(unit.organCommittee), problemIds: [toGlobalId("Problem", 999999)] })).code).toBe("NOT_FOUND");
  expect(errorOf(await open({ appointmentId: aid(999999) })).code).toBe("NOT_FOUND");

  const inspector = await userHeaders(server, "INSPECTOR", unit.organCommittee);
  const assessor = await userHeaders(server, "ASSESSOR", unit.organCommittee);
  expect(errorOf(await open({ organizationId: gid(unit.partyGroup) }, inspector)).code).toBe("NOT_FOUND");
  expect(errorOf(await open({ organizationId: gid(unit.branches[0]) }, assessor)).code).toBe("FORBIDDEN");
  // The deciding body may sit above the inspector's scope (it sees its name).
  expect(ok(await open({ organizationId: gid(unit.branches[0]) }, inspector)).openAccountabilityCase.status).toBe("DECIDED");
});

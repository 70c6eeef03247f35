import { OrgKind } from "../../src/entities";
import { buildOrganization } from "../helpers/factories";
import { expectStatementsIndependentOfSize } from "../helpers/statement-counts";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { aid, buildUnit, createPeriod, errorOf, gid, ok, recordProblem, reopen, startRectification, submit, today, userHeaders, verify, type Unit } from "./helpers";

/**
 * Reports per subtree and period (problems found, closed, overdue, reopened, the
 * rectification rate, cases by form) and the overdue list, oldest first, through the HTTP
 * endpoint; and that a report costs the same few statements whatever the subtree's size.
 */
let server: TestServer;
let unit: Unit;
let other: Unit;

const REPORT = `query($u: ID!, $p: String!) { oversightReport(under: $u, period: $p) {
  organization { id } period { code } asOf problemsFound problemsClosed problemsOverdue problemsReopened rectificationRate casesTotal
  casesByForm { subjectType form severityRank count } } }`;

async function report(under: { id: number }, period = "2026-Q2", headers?: Record<string, string>) {
  return server.gql(REPORT, { u: gid(under as any), p: period }, headers);
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  await createPeriod(server, "2026-Q2");
  await createPeriod(server, "2026-Q3");
  unit = await buildUnit(server);
  other = await buildUnit(server, 1);
  const [b1, b2] = unit.branchDuties;
  const step = async (day: string, work: () => Promise<any>) => {
    today(day);
    return ok(await work());
  };
  ids.p1 = (await step("2026-04-01", () => recordProblem(server, b1, { foundOn: "2026-03-15", deadline: "2026-04-15" }))).recordProblem.id;
  ids.p2 = (await step("2026-04-05", () => recordProblem(server, b1, { deadline: "2026-06-30" }))).recordProblem.id;
  ids.p3 = (await step("2026-04-10", () => recordProblem(server, b1, { deadline: "2026-05-31" }))).recordProblem.id;
  ids.p4 = (await step("2026-05-01", () => recordProblem(server, b2, { deadline: "2026-06-29" }))).recordProblem.id;
  ids.x = (await step("2026-05-01", () => recordProblem(server, other.branchDuties[0], { deadline: "2026-04-30", foundOn: "2026-04-01" }))).recordProblem.id;
  await step("2026-05-02", () => startRectification(server, ids.p3, "2026-05-31", { startDate: "2026-05-02" }));
  await step("2026-05-09", () => submit(server, ids.p3));
  await step("2026-05-10", () => verify(server, ids.p3, unit.organCommittee));
  await step("2026-05-11", () => startRectification(server, ids.p2, "2026-06-30", { startDate: "2026-05-11" }));
  await step("2026-05-15", () => submit(server, ids.p2));
  await step("2026-05-20", () => verify(server, ids.p2, unit.partyGroup));
  await step("2026-06-05", () => reopen(server, ids.p3, "回头看：会议记录又不全"));
  ids.p5 = (await step("2026-07-05", () => recordProblem(server, b2, {}))).recordProblem.id;

  const open = (input: Record<string, unknown>) =>
    server.gql(`mutation($i: OpenAccountabilityCaseInput!) { openAccountabilityCase(input: $i) { id } }`, {
      i: { decidingOrganizationId: gid(unit.partyGroup), description: "问责", ...input },
    });
  await step("2026-07-05", () => open({ organizationId: gid(unit.branches[0]), form: "INSPECTION_ORDER", decidedOn: "2026-05-01" }));
  await step("2026-07-05", () => open({ appointmentId: aid(unit.branchSecretaries[1].id), form: "ADMONITION", decidedOn: "2026-06-01", leaderInChargeId: aid(unit.organSecretary.id) }));
  await step("2026-07-05", () => open({ organizationId: gid(unit.branches[0]), form: "CIRCULATION", decidedOn: "2026-07-02" }));
});

afterEach(() => today(null));
afterAll(() => server.close());

test("a closed-out quarter: found, closed, overdue and reopened at its end, the rate, cases by form", async () => {
  today("2026-07-10");
  const data = ok(await report(unit.partyGroup)).oversightReport;
  expect(data).toMatchObject({
    organization: { id: gid(unit.partyGroup) },
    period: { code: "2026-Q2" },
    asOf: "2026-06-30",
    problemsFound: 3, // p2, p3, p4 (p1 was found before, p5 after)
    problemsClosed: 2, // p2, p3
    problemsOverdue: 2, // p1 (deadline 04-15), p4 (deadline 06-29); p3 was reopened without a deadline
    problemsReopened: 1, // p3
    casesTotal: 2, // the 07-02 case is in Q3; the leadership review is undecided
  });
  expect(data.rectificationRate).toBeCloseTo(1 / 3, 12); // of p2, p3, p4 only p2 is CLOSED on 06-30
  expect(data.casesByForm).toEqual([
    { subjectType: "ORGANIZATION", form: "INSPECTION_ORDER", severityRank: 1, count: 1 },
    { subjectType: "ORGANIZATION", form: "CIRCULATION", severityRank: 2, count: 0 },
    { subjectType: "ORGANIZATION", form: "REORGANIZATION", severityRank: 3, count: 0 },
    { subjectType: "POST_HOLDER", form: "CIRCULATION", severityRank: 1, count: 0 },
    { subjectType: "POST_HOLDER", form: "ADMONITION", severityRank: 2, count: 1 },
    { subjectType: "POST_HOLDER", form: "ORGANIZATIONAL_ADJUSTMENT", severityRank: 3, count: 0 },
    { subjectType: "POST_HOLDER", form: "DISCIPLINARY", severityRank: 4, count: 0 },
  ]);

  // One branch's subtree.
  const branch = ok(await report(unit.branches[1])).oversightReport;
  expect(branch).toMatchObject({ problemsFound: 1, problemsClosed: 0, problemsOverdue: 1, problemsReopened: 0, rectificationRate: 0, casesTotal: 1 });
  // The next quarter: p5 found; p1, p4 still overdue; p3 reopened without a deadline is not.
  const q3 = ok(await report(unit.partyGroup, "2026-Q3")).oversightReport;
  expect(q3).toMatchObject({ asOf: "2026-07-10", problemsFound: 1, problemsClosed: 0, problemsOverdue: 2, problemsReopened: 0, rectificationRate: 0, casesTotal: 1 });
});

test("while the quarter runs, the figures are as of today", async () => {
  today("2026-05-12");
  const data = ok(await report(unit.partyGroup)).oversightReport;
  expect(data).toMatchObject({ asOf: "2026-05-12", problemsFound: 3, problemsClosed: 1, problemsOverdue: 1, problemsReopened: 0 });
  expect(data.rectificationRate).toBeCloseTo(1 / 3, 12);
});

test("the overdue list: oldest deadline first, paged without overlap, within the scope", async () => {
  today("2026-07-10");
  const page = async (after?: string) =>
    ok(await server.gql(`query($u: ID!, $a: String) { overdueProblems(under: $u, first: 1, after: $a) { totalCount pageInfo { hasNextPage endCursor } nodes { id deadline } } }`, { u: gid(unit.partyGroup), a: after })).overdueProblems;
  const first = await page();
  expect(first.totalCount).toBe(2);
  expect(first.nodes).toEqual([{ id: ids.p1, deadline: "2026-04-15" }]);
  const second = await page(first.pageInfo.endCursor);
  expect(second.nodes).toEqual([{ id: ids.p4, deadline: "2026-06-29" }]);
  expect(second.pageInfo.hasNextPage).toBe(false);

  // Without under: the whole scope (an unscoped administrator: every unit), still by deadline.
  const whole = ok(await server.gql(`query { overdueProblems(first: 100) { nodes { id deadline } } }`)).overdueProblems.nodes;
  const order = whole.map((n: any) => n.id);
  expect(order.indexOf(ids.p1)).toBeLessThan(order.indexOf(ids.x)); // 04-15, then the other unit's 04-30
  expect(order.indexOf(ids.x)).toBeLessThan(order.indexOf(ids.p4)); // then 06-29
  expect(whole.map((n: any) => n.deadline)).toEqual([...whole.map((n: any) => n.deadline)].sort());
});

test("reports are scoped: above the scope FORBIDDEN, elsewhere NOT_FOUND; unknown period NOT_FOUND", async () => {
  today("2026-07-10");
  const viewer = await userHeaders(server, "VIEWER", unit.organCommittee);
  expect(ok(await report(unit.organCommittee, "2026-Q2", viewer)).oversightReport.problemsFound).toBe(3);
  expect(errorOf(await report(unit.partyGroup, "2026-Q2", viewer)).code).toBe("FORBIDDEN");
  expect(errorOf(await report(other.partyGroup, "2026-Q2", viewer)).code).toBe("NOT_FOUND");
  expect(errorOf(await report(unit.partyGroup, "2031-Q1")).code).toBe("NOT_FOUND");
  expect(errorOf(await report(unit.partyGroup, "2026-13")).code).toBe("BAD_USER_INPUT");
});

test("a report costs the same number of statements for a small and a large subtree", async () => {
  today("2026-06-01");
  const small = await buildUnit(server, 1);
  const large = await buildUnit(server, 1);
  const ctx = server.context();
  for (let i = 0; i < 30; i++) {
    const branch = await buildOrganization(ctx, { kind: OrgKind.BRANCH, parent: large.organCommittee });
    void branch;
  }
  for (let i = 0; i < 25; i++) ok(await recordProblem(server, large.branchDuties[0], { deadline: "2026-05-01", foundOn: "2026-04-20" }));
  ok(await recordProblem(server, small.branchDuties[0], { deadline: "2026-05-01", foundOn: "2026-04-20" }));
  const a = await report(small.partyGroup);
  const b = await report(large.partyGroup);
  expect(ok(a).oversightReport.problemsOverdue).toBe(1);
  expect(ok(b).oversightReport.problemsOverdue).toBe(25);
  // The caller, the organisation, the period, and the three aggregates.
  expectStatementsIndependentOfSize(a, b, 24, 6);
});

test("a page of problems with their organisation, category, owner, history and projects costs the same statements for 5 as for 40", async () => {
  today("2026-06-02");
  const few = await buildUnit(server, 1);
  const many = await buildUnit(server, 1);
  for (let i = 0; i < 5; i++) ok(await recordProblem(server, few.branchDuties[0], { deadline: "2026-06-30" }));
  for (let i = 0; i < 40; i++) ok(await recordProblem(server, many.branchDuties[i % 1], { deadline: "2026-06-30" }));
  const page = (under: { id: number }) =>
    server.gql(
      `query($u: ID!) { problems(first: 50, filter: { under: $u }) { totalCount nodes { id state overdue nextActions
         organization { code } category { code } owner { postKind } history { seq action } projects { id } accountabilityCases { id } } } }`,
      { u: gid(under as any) },
    );
  const a = await page(few.partyGroup);
  const b = await page(many.partyGroup);
  expect(ok(a).problems.totalCount).toBe(5);
  expect(ok(b).problems.totalCount).toBe(40);
  // The caller, under, the page, its count, and one batch per kind of field.
  expectStatementsIndependentOfSize(a, b, 35, 10);
});

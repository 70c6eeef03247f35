import type { OrganizationEntity } from "../../src/entities";
import { PeriodService } from "../../src/services/period/period.service";
import { registerItemCompletionSource } from "../../src/services/scoring/scoring-inputs";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { aid, buildUnit, errorOf, extend, gid, ok, recordProblem, startRectification, submit, today, verify, type Unit } from "./helpers";

/**
 * The score effects of DOMAIN.md §3 through the HTTP endpoint: each problem overdue at the
 * period's end and each accountability case decided in the period deducts the period's
 * configured points; a negative-listed organisation is not graded EXCELLENT; the own score
 * is recomputed in the write's transaction and the ancestors' roll-ups follow; a write that
 * would change a closed period's score is refused with PERIOD_CLOSED.
 *
 * Scores here come from evaluations only (the item completions are swapped for none), so
 * every figure is easy to check by hand.
 */
let server: TestServer;
let year = 2040;

beforeAll(async () => {
  server = await startTestServer();
  registerItemCompletionSource({ completions: async () => [] }, { postCompletions: async () => [] });
});

afterEach(() => today(null));
afterAll(() => server.close());

/** A quarter of its own year, with 3 points per overdue problem and 4 per case. */
async function newQuarter(): Promise<{ code: string; start: string; end: string; year: string }> {
  year += 1;
  await new PeriodService().create(server.context(), `${year}-Q2`, { overdueProblemDeduction: 3, accountabilityCaseDeduction: 4 });
  await new PeriodService().create(server.context(), `${year}`, { overdueProblemDeduction: 1, accountabilityCaseDeduction: 1 });
  return { code: `${year}-Q2`, start: `${year}-04-01`, end: `${year}-06-30`, year: `${year}` };
}

async function evaluate(organization: OrganizationEntity, period: string, score: number) {
  return ok(
    await server.gql(`mutation($i: RecordEvaluationInput!) { recordEvaluation(input: $i) { assessment { score grade } } }`, {
      i: { organizationId: gid(organization), period, kind: "SELF", score },
    }),
  ).recordEvaluation.assessment;
}

async function scoreOf(organization: OrganizationEntity, period: string) {
  return ok(
    await server.gql(
      `query($o: ID!, $p: String!) { node(id: $o) { ... on Organization {
         assessment(period: $p) { score grade provenance }
         rollup(period: $p) { averageScore childrenAverage attenuation gradeDistribution { grade count } } } } }`,
      { o: gid(organization), p: period },
    ),
  ).node;
}

/** An assessed department: branch 95, organ committee 85, party group 80. */
async function assessedUnit(period: string): Promise<Unit> {
  const unit = await buildUnit(server, 1);
  await evaluate(unit.branches[0], period, 95);
  await evaluate(unit.organCommittee, period, 85);
  await evaluate(unit.partyGroup, period, 80);
  return unit;
}

describe("overdue problems at period end", () => {
  test("a deadline before the last day deducts the configured points; one on the last day does not; the roll-ups follow", async () => {
    const q = await newQuarter();
    const unit = await assessedUnit(q.code);
    await evaluate(unit.branches[0], q.year, 95);
    today(`${year}-04-10`);

    ok(await recordProblem(server, unit.branchDuties[0], { deadline: q.end }));
    expect((await scoreOf(unit.branches[0], q.code)).assessment.score).toBe(95);

    const late = ok(await recordProblem(server, unit.branchDuties[0], { deadline: `${year}-06-29` })).recordProblem;
    let branch = await scoreOf(unit.branches[0], q.code);
    expect(branch.assessment).toMatchObject({ score: 92, grade: "EXCELLENT" });
    expect(branch.assessment.provenance.deductions.automatic).toMatchObject({ overdueProblems: 1, accountabilityCases: 0, perOverdueProblem: { exact: "3" } });
    // The year ends later: both problems are overdue at its end, at the year's own 1 point each.
    expect((await scoreOf(unit.branches[0], q.year)).assessment.score).toBe(93);
    const organ = await scoreOf(unit.organCommittee, q.code);
    expect(organ.rollup).toMatchObject({ childrenAverage: 92, attenuation: -7 });
    const group = await scoreOf(unit.partyGroup, q.code);
    expect(group.rollup.averageScore).toBeCloseTo((92 + 85 + 80) / 3, 10);

    // Closed in time: the deduction is lifted, everywhere.
    ok(await startRectification(server, late.id, `${year}-06-01`, { startDate: `${year}-04-10` }));
    ok(await submit(server, late.id));
    ok(await verify(server, late.id, unit.partyGroup));
    branch = await scoreOf(unit.branches[0], q.code);
    expect(branch.assessment.score).toBe(95);
    expect((await scoreOf(unit.organCommittee, q.code)).rollup.childrenAverage).toBe(95);
  });

  test("a deadline extended past the period's end before it ends lifts the deduction; closing after the end does not", async () => {
    const q = await newQuarter();
    const unit = await assessedUnit(q.code);
    today(`${year}-04-10`);
    const a = ok(await recordProblem(server, unit.branchDuties[0], { deadline: `${year}-05-31` })).recordProblem;
    const b = ok(await recordProblem(server, unit.branchDuties[0], { deadline: `${year}-05-31` })).recordProblem;
    expect((await scoreOf(unit.branches[0], q.code)).assessment.score).toBe(89);
    ok(await extend(server, a.id, `${year}-07-15`, "需上级审批"));
    expect((await scoreOf(unit.branches[0], q.code)).assessment.score).toBe(92);

    // b is missed on 06-01 and closed only in July: it stays overdue at the Q2 end.
    ok(await startRectification(server, b.id, `${year}-05-31`, { startDate: `${year}-04-10` }));
    today(`${year}-07-02`);
    ok(await extend(server, b.id, `${year}-07-31`, "逾期原因：人员调整"));
    ok(await submit(server, b.id));
    ok(await verify(server, b.id, unit.organCommittee));
    expect((await scoreOf(unit.branches[0], q.code)).assessment.score).toBe(92);
    const report = ok(await server.gql(`query($u: ID!, $p: String!) { oversightReport(under: $u, period: $p) { problemsOverdue asOf } }`, { u: gid(unit.branches[0]), p: q.code })).oversightReport;
    expect(report).toEqual({ problemsOverdue: 1, asOf: q.end });
  });

  test("an overdue problem of a post-held duty also deducts from the post holder's score", async () => {
    const q = await newQuarter();
    const unit = await assessedUnit(q.code);
    const secretary = aid(unit.branchSecretaries[0].id);
    ok(await server.gql(`mutation($i: RecordPostEvaluationInput!) { recordPostEvaluation(input: $i) { assessment { score } } }`, { i: { appointmentId: secretary, period: q.code, kind: "SELF", score: 90 } }));
    today(`${year}-04-10`);
    ok(await recordProblem(server, unit.branchSecretaryDuties[0], { deadline: `${year}-05-01` }));
    expect(await postScore(secretary, q.code)).toBe(87);
    expect((await scoreOf(unit.branches[0], q.code)).assessment.score).toBe(92);
  });
});

async function postScore(appointmentId: string, period: string): Promise<number> {
  const data = ok(await server.gql(`query($id: ID!, $p: String!) { appointment(id: $id) { assessment(period: $p) { score } } }`, { id: appointmentId, p: period }));
  return data.appointment.assessment.score;
}

describe("accountability cases in the period", () => {
  test("a case against the organisation deducts in the periods containing its decision date only", async () => {
    const q = await newQuarter();
    const unit = await assessedUnit(q.code);
    today(`${year}-05-10`);
    const open = (decidedOn: string) =>
      server.gql(`mutation($i: OpenAccountabilityCaseInput!) { openAccountabilityCase(input: $i) { id status } }`, {
        i: { organizationId: gid(unit.branches[0]), form: "INSPECTION_ORDER", decidingOrganizationId: gid(unit.partyGroup), decidedOn, description: "落实主体责任不力" },
      });
    ok(await open(`${year}-03-31`));
    expect((await scoreOf(unit.branches[0], q.code)).assessment.score).toBe(95);
    ok(await open(`${year}-04-01`));
    const branch = await scoreOf(unit.branches[0], q.code);
    expect(branch.assessment.score).toBe(91);
    expect(branch.assessment.provenance.deductions.automatic).toMatchObject({ accountabilityCases: 1, perAccountabilityCase: { exact: "4" } });
    expect((await scoreOf(unit.organCommittee, q.code)).rollup.childrenAverage).toBe(91);
  });

  test("a case against a post holder deducts from the post score; its leadership reviews count once decided", async () => {
    const q = await newQuarter();
    const unit = await assessedUnit(q.code);
    const secretary = aid(unit.organSecretary.id);
    for (const id of [secretary, aid(unit.branchSecretaries[0].id)]) {
      ok(await server.gql(`mutation($i: RecordPostEvaluationInput!) { recordPostEvaluation(input: $i) { assessment { score } } }`, { i: { appointmentId: id, period: q.code, kind: "SELF", score: 90 } }));
    }
    today(`${year}-05-10`);
    const opened = ok(
      await server.gql(`mutation($i: OpenAccountabilityCaseInput!) { openAccountabilityCase(input: $i) { id leadershipReviews { id reviewRole appointment { id } } } }`, {
        i: { appointmentId: aid(unit.branchSecretaries[0].id), form: "ADMONITION", decidingOrganizationId: gid(unit.partyGroup), decidedOn: `${year}-05-01`, description: "三会一课长期不落实" },
      }),
    ).openAccountabilityCase;
    expect(await postScore(aid(unit.branchSecretaries[0].id), q.code)).toBe(86);
    // The branch's own score is untouched: the case is against the person.
    expect((await scoreOf(unit.branches[0], q.code)).assessment.score).toBe(95);
    expect(opened.leadershipReviews).toHaveLength(0); // the wrongdoer is the branch's secretary: no one else to review at the branch
  });
});

describe("the negative list", () => {
  test("a listed organisation is capped at GOOD; the grade distribution of the ancestors follows; removal restores it", async () => {
    const q = await newQuarter();
    const unit = await assessedUnit(q.code);
    today(`${year}-05-10`);
    const listed = ok(
      await server.gql(`mutation($o: ID!, $p: String!) { addToNegativeList(organizationId: $o, period: $p, reason: "发生严重违纪问题") { id organization { id } period { code } } }`, {
        o: gid(unit.branches[0]),
        p: q.code,
      }),
    ).addToNegativeList;
    expect(listed).toMatchObject({ organization: { id: gid(unit.branches[0]) }, period: { code: q.code } });
    let branch = await scoreOf(unit.branches[0], q.code);
    expect(branch.assessment).toMatchObject({ score: 95, grade: "GOOD" });
    expect(branch.assessment.provenance.grade).toMatchObject({ byThreshold: "EXCELLENT", grade: "GOOD", override: "NEGATIVE_LIST_CAP" });
    const distribution = (await scoreOf(unit.organCommittee, q.code)).rollup.gradeDistribution;
    expect(distribution).toEqual([
      { grade: "EXCELLENT", count: 0 },
      { grade: "GOOD", count: 2 },
      { grade: "FAIR", count: 0 },
      { grade: "POOR", count: 0 },
    ]);
    expect(errorOf(await server.gql(`mutation($o: ID!, $p: String!) { addToNegativeList(organizationId: $o, period: $p, reason: "again") { id } }`, { o: gid(unit.branches[0]), p: q.code })).code).toBe("CONFLICT");
    const entry = ok(await server.gql(`query($o: ID!, $p: String!) { node(id: $o) { ... on Organization { negativeListing(period: $p) { id reason } } } }`, { o: gid(unit.branches[0]), p: q.code })).node.negativeListing;
    expect(entry).toEqual({ id: listed.id, reason: "发生严重违纪问题" });
    const list = ok(await server.gql(`query($p: String!, $u: ID!) { negativeList(period: $p, under: $u) { totalCount nodes { id } } }`, { p: q.code, u: gid(unit.partyGroup) })).negativeList;
    expect(list).toEqual({ totalCount: 1, nodes: [{ id: listed.id }] });

    ok(await server.gql(`mutation($id: ID!) { removeFromNegativeList(id: $id, reason: "误列") { id } }`, { id: listed.id }));
    branch = await scoreOf(unit.branches[0], q.code);
    expect(branch.assessment).toMatchObject({ score: 95, grade: "EXCELLENT" });
  });

  test("an imported score listed later keeps its figure but is re-graded, and the roll-ups follow; removal restores it", async () => {
    const q = await newQuarter();
    const unit = await buildUnit(server, 1);
    const csv = `org_code,period,score\n${unit.branches[0].code},${q.code},95\n${unit.organCommittee.code},${q.code},85\n`;
    ok(await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv }));
    today(`${year}-05-10`);
    const listed = ok(
      await server.gql(`mutation($o: ID!, $p: String!) { addToNegativeList(organizationId: $o, period: $p, reason: "发生严重违纪问题") { id } }`, { o: gid(unit.branches[0]), p: q.code }),
    ).addToNegativeList;
    let branch = await scoreOf(unit.branches[0], q.code);
    expect(branch.assessment).toMatchObject({ score: 95, grade: "GOOD" });
    expect(branch.assessment.provenance).toMatchObject({ source: "IMPORTED", score: "95.00", grade: { byThreshold: "EXCELLENT", grade: "GOOD", override: "NEGATIVE_LIST_CAP" } });
    const grades = async () => Object.fromEntries((await scoreOf(unit.organCommittee, q.code)).rollup.gradeDistribution.map((g: any) => [g.grade, g.count]));
    expect(await grades()).toEqual({ EXCELLENT: 0, GOOD: 2, FAIR: 0, POOR: 0 });

    ok(await server.gql(`mutation($id: ID!) { removeFromNegativeList(id: $id, reason: "误列") { id } }`, { id: listed.id }));
    branch = await scoreOf(unit.branches[0], q.code);
    expect(branch.assessment).toMatchObject({ score: 95, grade: "EXCELLENT" });
    expect(branch.assessment.provenance).toMatchObject({ source: "IMPORTED", grade: { grade: "EXCELLENT", override: null } });
    expect(await grades()).toEqual({ EXCELLENT: 1, GOOD: 1, FAIR: 0, POOR: 0 });
  });
});

describe("closed periods", () => {
  test("writes that would change a closed period's score are refused with PERIOD_CLOSED; others pass", async () => {
    const q = await newQuarter();
    const unit = await assessedUnit(q.code);
    ok(await server.gql(`mutation($c: String!) { closeAssessmentPeriod(code: $c) { status } }`, { c: q.code }));
    today(`${year}-07-10`);
    const closed = (response: any) => expect(errorOf(response).code).toBe("PERIOD_CLOSED");

    closed(await server.gql(`mutation($o: ID!, $p: String!) { addToNegativeList(organizationId: $o, period: $p, reason: "x") { id } }`, { o: gid(unit.branches[0]), p: q.code }));
    closed(
      await server.gql(`mutation($i: OpenAccountabilityCaseInput!) { openAccountabilityCase(input: $i) { id } }`, {
        i: { organizationId: gid(unit.branches[0]), form: "CIRCULATION", decidingOrganizationId: gid(unit.partyGroup), decidedOn: `${year}-06-30`, description: "x" },
      }),
    );
    // Found in the closed quarter with a deadline inside it: overdue at its end → refused.
    closed(await recordProblem(server, unit.branchDuties[0], { foundOn: `${year}-05-01`, deadline: `${year}-06-01` }));
    // Found then, but due after the quarter: the quarter's score does not change.
    const later = ok(await recordProblem(server, unit.branchDuties[0], { foundOn: `${year}-05-01`, deadline: `${year}-07-31` })).recordProblem;
    // Transitions dated after the quarter leave it alone.
    ok(await startRectification(server, later.id, `${year}-07-31`, { startDate: `${year}-07-10` }));
    expect((await scoreOf(unit.branches[0], q.code)).assessment.score).toBe(95);
    // Nothing was written by the refused ones.
    const problems = ok(await server.gql(`query($u: ID!) { problems(filter: { under: $u }) { totalCount } }`, { u: gid(unit.branches[0]) })).problems;
    expect(problems.totalCount).toBe(1);
  });
});

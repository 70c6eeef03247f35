import { OrgKind, type AssessmentPeriodEntity, type OrganizationEntity } from "../../src/entities";
import { CompletionSource, type ItemCompletion } from "../../src/services/scoring/item-completion";
import { registerItemCompletionSource, registerScoringFactsProvider, resetScoringInputs, type SubjectFacts } from "../../src/services/scoring/scoring-inputs";
import { toGlobalId } from "../../src/schema/global-id";
import { buildDepartment, buildOrganization, uniqueCode } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/test-server";

/**
 * The formula cases of DOMAIN.md §3 through the HTTP endpoint: three evaluations (one as
 * ballots), missing evaluations, items with not-applicable ones, bonus cap, deductions
 * (manual and automatic), veto, negative list, clamping; the provenance kept; imports; and
 * the roll-ups of the ancestors moving with every write.
 */
let server: TestServer;
const items = new Map<number, ItemCompletion[]>();
const facts = new Map<number, SubjectFacts>();
let periodSeq = 0;

beforeAll(async () => {
  server = await startTestServer();
  registerItemCompletionSource({ completions: async (_ctx, organizationId) => items.get(organizationId) ?? [] });
  registerScoringFactsProvider({
    organizationFacts: async (_ctx, ids) => new Map(ids.filter((id) => facts.has(id)).map((id) => [id, facts.get(id)!])),
    postFacts: async () => new Map(),
  });
});

afterAll(async () => {
  resetScoringInputs();
  await server.close();
});

/** A fresh period per test (periods are forest-wide; each test gets its own year). */
async function newPeriod(): Promise<string> {
  periodSeq += 1;
  const code = `${2030 + periodSeq}-Q${1 + (process.pid % 4)}`;
  const response = await server.gql(`mutation($c: String!) { createAssessmentPeriod(code: $c) { code status } }`, { c: code });
  expect(response.errors).toBeUndefined();
  return code;
}

const gid = (organization: OrganizationEntity) => toGlobalId("Organization", organization.id);

function item(weight: number, completion: number | null, notApplicable = false): ItemCompletion {
  return { responsibilityId: Math.floor(Math.random() * 1e9), weight, completion, notApplicable, source: CompletionSource.ENTERED, setBy: "assessor", setAt: new Date("2026-06-30T08:00:00Z") };
}

const SCORE = `organization { code } assessment { score grade source provenance }`;

async function evaluate(organization: OrganizationEntity, period: string, kind: string, score: number | null, ballots?: object) {
  return server.gql(
    `mutation($i: RecordEvaluationInput!) { recordEvaluation(input: $i) { ${SCORE} } }`,
    { i: { organizationId: gid(organization), period, kind, score, ballots } },
  );
}

async function adjust(organization: OrganizationEntity, period: string, type: string, points: number | null, reason = "test") {
  return server.gql(
    `mutation($i: AddAdjustmentInput!) { addAdjustment(input: $i) { adjustment { id type points reason createdBy } ${SCORE} } }`,
    { i: { organizationId: gid(organization), period, type, points, reason } },
  );
}

async function compute(organization: OrganizationEntity, period: string) {
  return server.gql(`mutation($o: ID!, $p: String!) { computeAssessment(organizationId: $o, period: $p) { ${SCORE} } }`, { o: gid(organization), p: period });
}

async function rollupOf(organization: OrganizationEntity, period: string) {
  const response = await server.gql(
    `query($o: ID!, $p: String!) { node(id: $o) { ... on Organization { assessment(period: $p) { score grade }
       rollup(period: $p) { organizationCount assessedCount averageScore minScore maxScore childrenAverage attenuation gradeDistribution { grade count } } } } }`,
    { o: gid(organization), p: period },
  );
  expect(response.errors).toBeUndefined();
  return response.data.node;
}

describe("own score by the formula", () => {
  test("evaluations: one, two (re-normalised), three with CADRE as ballots", async () => {
    const period = await newPeriod();
    const dept = await buildDepartment(server.context(), 1);
    const branch = dept.branches[0];

    let response = await evaluate(branch, period, "SELF", 90);
    expect(response.errors).toBeUndefined();
    expect(response.data.recordEvaluation.assessment).toMatchObject({ score: 90, grade: "EXCELLENT", source: "COMPUTED" });

    // (0.2·90 + 0.4·80) / 0.6 = 83.333… → 83.33
    response = await evaluate(branch, period, "COMMITTEE", 80);
    expect(response.data.recordEvaluation.assessment).toMatchObject({ score: 83.33, grade: "GOOD" });

    // CADRE ballots 30/10/5/5 → 86; E = 0.2·90 + 0.4·86 + 0.4·80 = 84.4
    response = await evaluate(branch, period, "CADRE", null, { excellent: 30, good: 10, fair: 5, poor: 5 });
    expect(response.errors).toBeUndefined();
    const assessment = response.data.recordEvaluation.assessment;
    expect(assessment).toMatchObject({ score: 84.4, grade: "GOOD", source: "COMPUTED" });
    expect(assessment.provenance.evaluations.entries.map((e: any) => [e.kind, e.weight.exact, e.score.exact])).toEqual([
      ["SELF", "0.2", "90"],
      ["CADRE", "0.4", "86"],
      ["COMMITTEE", "0.4", "80"],
    ]);
    expect(assessment.provenance.evaluations.entries[1].ballots).toEqual({ EXCELLENT: 30, GOOD: 10, FAIR: 5, POOR: 5 });
    expect(assessment.provenance.base.from).toBe("EVALUATIONS");

    // Recording a kind again replaces it: SELF 70 → 0.2·70 + 34.4 + 32 = 80.4
    response = await evaluate(branch, period, "SELF", 70);
    expect(response.data.recordEvaluation.assessment).toMatchObject({ score: 80.4 });
    const listed = await server.gql(`query($o: ID!, $p: String!) { node(id: $o) { ... on Organization { evaluations(period: $p) { kind score ballots { excellent good fair poor } enteredBy } } } }`, {
      o: gid(branch),
      p: period,
    });
    expect(listed.data.node.evaluations).toEqual([
      { kind: "SELF", score: 70, ballots: null, enteredBy: "admin" },
      { kind: "CADRE", score: 86, ballots: { excellent: 30, good: 10, fair: 5, poor: 5 }, enteredBy: "admin" },
      { kind: "COMMITTEE", score: 80, ballots: null, enteredBy: "admin" },
    ]);
  });

  test("the worked example: items with a not-applicable one, three evaluations, capped bonus, deductions, automatic deduction", async () => {
    const period = await newPeriod();
    const dept = await buildDepartment(server.context(), 1);
    const oc = dept.organCommittee;
    items.set(oc.id, [item(2, 1), item(1, 0.5), item(1, 0.25), item(5, 0, true)]);

    // I alone: 100·(2 + 0.5 + 0.25)/4 = 68.75 (the not-applicable weight 5 leaves both sums)
    let response = await compute(oc, period);
    expect(response.errors).toBeUndefined();
    expect(response.data.computeAssessment.assessment).toMatchObject({ score: 68.75, grade: "FAIR", source: "COMPUTED" });
    const itemsProvenance = response.data.computeAssessment.assessment.provenance.items;
    expect(itemsProvenance.weightSum.exact).toBe("4");
    expect(itemsProvenance.entries.map((e: any) => [e.weight, e.completion, e.notApplicable, e.counted, e.source, e.setBy, e.setAt])).toEqual([
      [2, 1, false, true, "ENTERED", "assessor", "2026-06-30T08:00:00.000Z"],
      [1, 0.5, false, true, "ENTERED", "assessor", "2026-06-30T08:00:00.000Z"],
      [1, 0.25, false, true, "ENTERED", "assessor", "2026-06-30T08:00:00.000Z"],
      [5, 0, true, false, "ENTERED", "assessor", "2026-06-30T08:00:00.000Z"],
    ]);

    await evaluate(oc, period, "SELF", 90);
    await evaluate(oc, period, "CADRE", null, { excellent: 30, good: 10, fair: 5, poor: 5 });
    response = await evaluate(oc, period, "COMMITTEE", 80);
    // B = 0.6·68.75 + 0.4·84.4 = 75.01
    expect(response.data.recordEvaluation.assessment).toMatchObject({ score: 75.01, grade: "FAIR" });

    response = await adjust(oc, period, "BONUS", 3, "先进典型");
    expect(response.data.addAdjustment.adjustment).toMatchObject({ type: "BONUS", points: 3, reason: "先进典型", createdBy: "admin" });
    expect(response.data.addAdjustment.assessment.score).toBe(78.01);
    response = await adjust(oc, period, "BONUS", 4);
    expect(response.data.addAdjustment.assessment.score).toBe(80.01); // 3 + 4 = 7, counted 5
    expect(response.data.addAdjustment.assessment.provenance.bonus).toMatchObject({ total: { exact: "7" }, counted: { exact: "5" }, cap: { exact: "5" } });
    response = await adjust(oc, period, "DEDUCTION", 1.5);
    expect(response.data.addAdjustment.assessment.score).toBe(78.51);

    facts.set(oc.id, { overdueProblems: 1, accountabilityCases: 0, negativeListed: false });
    response = await compute(oc, period);
    expect(response.data.computeAssessment.assessment).toMatchObject({ score: 76.51, grade: "FAIR" });
    const p = response.data.computeAssessment.assessment.provenance;
    expect(p.deductions.automatic).toMatchObject({ overdueProblems: 1, accountabilityCases: 0, perOverdueProblem: { exact: "2" }, total: { exact: "2" } });
    expect(p.deductions.total.exact).toBe("3.5");
    expect(p.rules.gradeThresholds).toEqual({ EXCELLENT: 90, GOOD: 80, FAIR: 60 });
    expect(p.period).toBe(period);
    expect(p.computedBy).toBe("admin");

    // The ancestors' roll-ups moved with every write: the party group's only child is the organ committee.
    const pg = await rollupOf(dept.partyGroup, period);
    expect(pg.rollup).toMatchObject({ assessedCount: 1, averageScore: 76.51, childrenAverage: 76.51, attenuation: null, minScore: 76.51, maxScore: 76.51 });
    const province = await rollupOf(dept.province, period);
    expect(province.rollup).toMatchObject({ organizationCount: 5, assessedCount: 1, averageScore: 76.51 });
    facts.delete(oc.id);
  });

  test("VETO forces POOR; withdrawing it restores the grade; a negative-list entry caps EXCELLENT at GOOD", async () => {
    const period = await newPeriod();
    const dept = await buildDepartment(server.context(), 2);
    const [b1, b2] = dept.branches;
    items.set(b1.id, [item(1, 0.95)]);
    items.set(b2.id, [item(1, 0.95)]);
    await compute(b1, period);
    await compute(b2, period);

    const veto = await adjust(b1, period, "VETO", null, "发生严重违纪");
    expect(veto.errors).toBeUndefined();
    expect(veto.data.addAdjustment.assessment).toMatchObject({ score: 95, grade: "POOR" });
    expect(veto.data.addAdjustment.assessment.provenance.grade).toMatchObject({ byThreshold: "EXCELLENT", grade: "POOR", override: "VETO" });
    let oc = await rollupOf(dept.organCommittee, period);
    expect(oc.rollup.gradeDistribution).toEqual([
      { grade: "EXCELLENT", count: 1 },
      { grade: "GOOD", count: 0 },
      { grade: "FAIR", count: 0 },
      { grade: "POOR", count: 1 },
    ]);

    const withdrawn = await server.gql(`mutation($id: Int!) { withdrawAdjustment(id: $id) { ${SCORE} } }`, { id: veto.data.addAdjustment.adjustment.id });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data.withdrawAdjustment.assessment).toMatchObject({ score: 95, grade: "EXCELLENT" });

    facts.set(b2.id, { overdueProblems: 0, accountabilityCases: 0, negativeListed: true });
    const capped = await compute(b2, period);
    expect(capped.data.computeAssessment.assessment).toMatchObject({ score: 95, grade: "GOOD" });
    expect(capped.data.computeAssessment.assessment.provenance.grade.override).toBe("NEGATIVE_LIST_CAP");
    oc = await rollupOf(dept.organCommittee, period);
    expect(oc.rollup.gradeDistribution.map((g: any) => g.count)).toEqual([1, 1, 0, 0]);
    facts.delete(b2.id);
  });

  test("clamped to [0, 100]; exact half-up rounding of x.xx5", async () => {
    const period = await newPeriod();
    const dept = await buildDepartment(server.context(), 3);
    const [high, low, half] = dept.branches;
    items.set(high.id, [item(1, 0.99)]);
    items.set(low.id, [item(1, 0.3)]);
    items.set(half.id, [item(3, 0.9525), item(3, 0.6494)]);
    await compute(high, period);
    expect((await adjust(high, period, "BONUS", 5)).data.addAdjustment.assessment.score).toBe(100);
    await compute(low, period);
    expect((await adjust(low, period, "DEDUCTION", 50)).data.addAdjustment.assessment).toMatchObject({ score: 0, grade: "POOR" });
    // B = 0.6·80.095 + 0.4·88.87 = 83.605 exactly → 83.61 (a double computes 83.60499…)
    await evaluate(half, period, "COMMITTEE", 88.87);
    const response = await compute(half, period);
    expect(response.data.computeAssessment.assessment.score).toBe(83.61);
    expect(response.data.computeAssessment.assessment.provenance.exactScore.exact).toBe("83.605");
  });

  test("nothing to score: an adjustment alone leaves no assessment; compute says why", async () => {
    const period = await newPeriod();
    const branch = (await buildDepartment(server.context(), 1)).branches[0];
    const response = await adjust(branch, period, "BONUS", 2);
    expect(response.errors).toBeUndefined();
    expect(response.data.addAdjustment.assessment).toBeNull();
    const computed = await compute(branch, period);
    expect(computed.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  test.each([
    ["a score above 100", { kind: "SELF", score: 100.5 }],
    ["three decimals", { kind: "SELF", score: 85.555 }],
    ["a negative score", { kind: "SELF", score: -1 }],
    ["ballots for SELF", { kind: "SELF", ballots: { excellent: 1, good: 0, fair: 0, poor: 0 } }],
    ["both score and ballots", { kind: "CADRE", score: 80, ballots: { excellent: 1, good: 0, fair: 0, poor: 0 } }],
    ["neither", { kind: "CADRE" }],
    ["no ballots at all", { kind: "CADRE", ballots: { excellent: 0, good: 0, fair: 0, poor: 0 } }],
    ["a negative ballot count", { kind: "CADRE", ballots: { excellent: 3, good: -1, fair: 0, poor: 0 } }],
  ])("an evaluation with %s is refused with BAD_USER_INPUT", async (_, input) => {
    const period = await newPeriod();
    const branch = (await buildDepartment(server.context(), 1)).branches[0];
    const response = await server.gql(`mutation($i: RecordEvaluationInput!) { recordEvaluation(input: $i) { assessment { score } } }`, {
      i: { organizationId: gid(branch), period, ...input },
    });
    expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(await rollupOf(branch, period)).toMatchObject({ assessment: null });
  });

  test.each([
    ["no points", "BONUS", null, "r"],
    ["zero points", "DEDUCTION", 0, "r"],
    ["three decimals", "BONUS", 1.005, "r"],
    ["a veto with points", "VETO", 3, "r"],
    ["an empty reason", "BONUS", 1, "  "],
  ])("an adjustment with %s is refused with BAD_USER_INPUT", async (_, type, points, reason) => {
    const period = await newPeriod();
    const branch = (await buildDepartment(server.context(), 1)).branches[0];
    const response = await adjust(branch, period, type as string, points as number | null, reason as string);
    expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  test("unknown period: NOT_FOUND; malformed: BAD_USER_INPUT; unknown organisation: NOT_FOUND", async () => {
    const branch = (await buildDepartment(server.context(), 1)).branches[0];
    expect((await evaluate(branch, "1999-Q1", "SELF", 80)).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await evaluate(branch, "1999-Q5", "SELF", 80)).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const period = await newPeriod();
    const ghost = { ...branch, id: 987654 } as OrganizationEntity;
    expect((await evaluate(ghost, period, "SELF", 80)).errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  test("a dissolved organisation's scores can no longer change (CONFLICT), and it stops counting in open periods", async () => {
    const period = await newPeriod();
    const dept = await buildDepartment(server.context(), 2);
    const [b1, b2] = dept.branches;
    await evaluate(b1, period, "SELF", 60);
    await evaluate(b2, period, "SELF", 90);
    expect((await rollupOf(dept.organCommittee, period)).rollup).toMatchObject({ organizationCount: 3, assessedCount: 2, averageScore: 75, childrenAverage: 75 });
    const dissolved = await server.gql(`mutation($id: ID!) { dissolveOrganization(id: $id) { status } }`, { id: gid(b1) });
    expect(dissolved.errors).toBeUndefined();
    expect((await rollupOf(dept.organCommittee, period)).rollup).toMatchObject({ organizationCount: 2, assessedCount: 1, averageScore: 90, childrenAverage: 90 });
    // Its own score is kept as history.
    expect((await rollupOf(b1, period)).assessment).toEqual({ score: 60, grade: "FAIR" });
    expect((await rollupOf(b1, period)).rollup).toMatchObject({ organizationCount: 0, assessedCount: 0, averageScore: null });
    expect((await evaluate(b1, period, "SELF", 70)).errors?.[0].extensions?.code).toBe("CONFLICT");
  });
});

describe("importScores", () => {
  test("reports every problem with line, column and reason, and writes nothing", async () => {
    const dept = await buildDepartment(server.context(), 2);
    const dissolved = await buildOrganization(server.context(), { kind: OrgKind.BRANCH, parent: dept.organCommittee });
    await server.gql(`mutation($id: ID!) { dissolveOrganization(id: $id) { status } }`, { id: gid(dissolved) });
    const [b1, b2] = dept.branches;
    const csv = [
      "org_code,period,score",
      `${b1.code},2041-H1,85.5`, // 2 fine
      `${b2.code},2041-H1,100.01`, // 3 above 100
      `${b2.code},2041-H1,85.555`, // 4 three decimals
      `${b2.code},2041-H3,80`, // 5 malformed period
      `NO-SUCH-ORG,2041-H1,80`, // 6 unknown
      `${b1.code},2041-H1,70`, // 7 duplicate of line 2
      `${dissolved.code},2041-H1,70`, // 8 dissolved
      `,2041-H1,70`, // 9 empty code
      `${b2.code},2041-H1,abc`, // 10 not a number
    ].join("\n");
    const response = await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv });
    expect(response.data).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const problems = (response.errors![0].extensions!.problems as any[]).map((p) => [p.line, p.column]);
    // Lines 4 and 10 repeat line 3's organisation and period: a duplicate even though line 3 is wrong too.
    expect(problems).toEqual([
      [3, "score"],
      [4, "org_code"],
      [4, "score"],
      [5, "period"],
      [6, "org_code"],
      [7, "org_code"],
      [8, "org_code"],
      [9, "org_code"],
      [10, "org_code"],
      [10, "score"],
    ]);
    const reasons = (response.errors![0].extensions!.problems as any[]).map((p) => p.reason);
    expect(reasons[1]).toMatch(/second score .* \(first on line 3\)/);
    expect(reasons[5]).toMatch(/second score .* \(first on line 2\)/);
    // All or nothing: not even line 2, nor the period it names.
    const period = await server.gql(`{ assessmentPeriod(code: "2041-H1") { code } }`);
    expect(period.data.assessmentPeriod).toBeNull();
  });

  test("creates a missing period OPEN and says so; replaces stored scores (units resubmit); computed roll-ups follow", async () => {
    const dept = await buildDepartment(server.context(), 2);
    const [b1, b2] = dept.branches;
    const first = await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported replaced periods createdPeriods } }`, {
      csv: `\uFEFForg_code,period,score\r\n${b1.code},2042-H1,70\r\n"${b2.code}",2042-H1, 80.5 \r\n${dept.organCommittee.code},2042-H1,90\r\n`,
    });
    expect(first.errors).toBeUndefined();
    expect(first.data.importScores).toEqual({ imported: 3, replaced: 0, periods: ["2042-H1"], createdPeriods: ["2042-H1"] });
    const period = await server.gql(`{ assessmentPeriod(code: "2042-H1") { code kind status startDate endDate } }`);
    expect(period.data.assessmentPeriod).toEqual({ code: "2042-H1", kind: "HALF_YEAR", status: "OPEN", startDate: "2042-01-01", endDate: "2042-06-30" });
    let oc = await rollupOf(dept.organCommittee, "2042-H1");
    expect(oc.assessment).toEqual({ score: 90, grade: "EXCELLENT" });
    expect(oc.rollup).toMatchObject({ organizationCount: 3, assessedCount: 3, averageScore: (7000 + 8050 + 9000) / 300, childrenAverage: 75.25, attenuation: 14.75 });

    const again = await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported replaced periods createdPeriods } }`, {
      csv: `org_code,period,score\n${b1.code},2042-H1,75\n`,
    });
    expect(again.data.importScores).toEqual({ imported: 1, replaced: 1, periods: ["2042-H1"], createdPeriods: [] });
    oc = await rollupOf(dept.organCommittee, "2042-H1");
    expect(oc.rollup).toMatchObject({ childrenAverage: 77.75, attenuation: 12.25, minScore: 75 });
    const b1Score = await server.gql(`query($o: ID!) { node(id: $o) { ... on Organization { assessment(period: "2042-H1") { score source provenance } } } }`, { o: gid(b1) });
    expect(b1Score.data.node.assessment).toMatchObject({ score: 75, source: "IMPORTED" });
    expect(b1Score.data.node.assessment.provenance).toMatchObject({ source: "IMPORTED", score: "75.00", line: 2, replaced: { score: "70.00", source: "IMPORTED" } });
  });

  test("an imported score stands while inputs are recorded; computeAssessment replaces it", async () => {
    const dept = await buildDepartment(server.context(), 1);
    const branch = dept.branches[0];
    await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv: `org_code,period,score\n${branch.code},2043-H1,66.6\n` });
    const recorded = await evaluate(branch, "2043-H1", "SELF", 90);
    expect(recorded.data.recordEvaluation.assessment).toMatchObject({ score: 66.6, source: "IMPORTED" });
    const computed = await compute(branch, "2043-H1");
    expect(computed.data.computeAssessment.assessment).toMatchObject({ score: 90, source: "COMPUTED" });
    expect((await rollupOf(dept.organCommittee, "2043-H1")).rollup.childrenAverage).toBe(90);
  });

  test("a recorded VETO makes an imported score POOR", async () => {
    const period = await newPeriod();
    const branch = (await buildDepartment(server.context(), 1)).branches[0];
    await adjust(branch, period, "VETO", null, "一票否决");
    const response = await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv: `org_code,period,score\n${branch.code},${period},95\n` });
    expect(response.errors).toBeUndefined();
    expect((await rollupOf(branch, period)).assessment).toEqual({ score: 95, grade: "POOR" });
  });
});

describe("closed periods", () => {
  let period: string;
  let dept: Awaited<ReturnType<typeof buildDepartment>>;
  let appointmentId: string;
  let adjustmentId: number;

  beforeAll(async () => {
    period = await newPeriod();
    dept = await buildDepartment(server.context(), 3);
    const scores = [["province", 95], ["workingCommittee", 92], ["partyGroup", 88], ["organCommittee", 86]] as const;
    const csv = ["org_code,period,score", ...scores.map(([role, score]) => `${(dept as any)[role].code},${period},${score}`)];
    dept.branches.forEach((branch, i) => csv.push(`${branch.code},${period},${70 + i}`));
    expect((await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv: csv.join("\n") })).errors).toBeUndefined();
    adjustmentId = (await adjust(dept.branches[0], period, "BONUS", 1)).data.addAdjustment.adjustment.id;
    const person = await server.gql(`mutation { createPerson(name: "张三") { id } }`);
    const appointed = await server.gql(`mutation($i: AppointInput!) { appoint(input: $i) { id } }`, {
      i: { personId: person.data.createPerson.id, organizationId: gid(dept.partyGroup), postKind: "PARTY_GROUP_SECRETARY", startDate: "2000-01-01" },
    });
    expect(appointed.errors).toBeUndefined();
    appointmentId = appointed.data.appoint.id;
    const closed = await server.gql(`mutation($c: String!) { closeAssessmentPeriod(code: $c) { status } }`, { c: period });
    expect(closed.data.closeAssessmentPeriod.status).toBe("CLOSED");
  });

  test("every write refuses with PERIOD_CLOSED", async () => {
    const b = dept.branches[1];
    const writes: [string, string, Record<string, unknown>][] = [
      ["recordEvaluation", `mutation($i: RecordEvaluationInput!) { recordEvaluation(input: $i) { assessment { score } } }`, { i: { organizationId: gid(b), period, kind: "SELF", score: 80 } }],
      ["addAdjustment", `mutation($i: AddAdjustmentInput!) { addAdjustment(input: $i) { assessment { score } } }`, { i: { organizationId: gid(b), period, type: "BONUS", points: 1, reason: "r" } }],
      ["addAdjustment VETO", `mutation($i: AddAdjustmentInput!) { addAdjustment(input: $i) { assessment { score } } }`, { i: { organizationId: gid(b), period, type: "VETO", reason: "r" } }],
      ["withdrawAdjustment", `mutation($id: Int!) { withdrawAdjustment(id: $id) { assessment { score } } }`, { id: adjustmentId }],
      ["computeAssessment", `mutation($o: ID!, $p: String!) { computeAssessment(organizationId: $o, period: $p) { assessment { score } } }`, { o: gid(b), p: period }],
      ["importScores", `mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv: `org_code,period,score\n${b.code},${period},80\n` }],
      ["recomputeRollups", `mutation($p: String!) { recomputeRollups(period: $p) { rowCount } }`, { p: period }],
      ["recomputeRollups under", `mutation($p: String!, $u: ID) { recomputeRollups(period: $p, under: $u) { rowCount } }`, { p: period, u: gid(dept.organCommittee) }],
      ["recordPostEvaluation", `mutation($i: RecordPostEvaluationInput!) { recordPostEvaluation(input: $i) { assessment { score } } }`, { i: { appointmentId, period, kind: "SELF", score: 80 } }],
      ["addPostAdjustment", `mutation($i: AddPostAdjustmentInput!) { addPostAdjustment(input: $i) { assessment { score } } }`, { i: { appointmentId, period, type: "BONUS", points: 1, reason: "r" } }],
      ["computePostAssessment", `mutation($a: ID!, $p: String!) { computePostAssessment(appointmentId: $a, period: $p) { assessment { score } } }`, { a: appointmentId, p: period }],
      ["importPostScores", `mutation($csv: String!) { importPostScores(csv: $csv) { imported } }`, { csv: `org_code,post_kind,person,period,score\n${dept.partyGroup.code},PARTY_GROUP_SECRETARY,张三,${period},80\n` }],
    ];
    for (const [name, mutation, variables] of writes) {
      const response = await server.gql(mutation, variables);
      expect({ name, code: response.errors?.[0].extensions?.code }).toEqual({ name, code: "PERIOD_CLOSED" });
    }
    const inputs = await server.gql(`query($o: ID!, $p: String!) { node(id: $o) { ... on Organization { evaluations(period: $p) { kind } adjustments(period: $p) { id } } } }`, {
      o: gid(b),
      p: period,
    });
    expect(inputs.data.node).toEqual({ evaluations: [], adjustments: [] });
  });

  test("moving a subtree and dissolving afterwards leave the closed period's figures as they were", async () => {
    const FIGURES = `query($o: ID!, $p: String!) { node(id: $o) { ... on Organization {
        rollup(period: $p) { organizationCount assessedCount averageScore minScore maxScore childrenAverage attenuation gradeDistribution { count } }
        moc: rollup(period: $p, method: MEAN_OF_CHILDREN) { averageScore }
        levelProfile(period: $p, by: DEPTH) { depth organizationCount assessedCount averageScore }
        pressureChain(period: $p) { organization { code } ownScore dropFromParent } } } }`;
    const snapshot = async (org: OrganizationEntity) => (await server.gql(FIGURES, { o: gid(org), p: period })).data.node;
    const watched = [dept.province, dept.workingCommittee, dept.partyGroup, dept.organCommittee, ...dept.branches];
    const before = await Promise.all(watched.map(snapshot));
    const reports = async () =>
      server.gql(`query($p: String!, $u: ID) { rankings(period: $p, under: $u, first: 100) { rank score organization { code } }
          attenuationHotspots(period: $p, under: $u) { attenuation organization { code } }
          transmissionReport(period: $p, under: $u) { upperLevelsVsBranches { difference upper { assessedCount } lower { assessedCount } } } }`,
        { p: period, u: gid(dept.province) });
    const reportsBefore = (await reports()).data;
    expect(before[0].rollup).toMatchObject({ organizationCount: 7, assessedCount: 7 });

    // Another open period sees the same tree and will see the move.
    const open = await newPeriod();
    await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, {
      csv: `org_code,period,score\n${dept.branches[0].code},${open},50\n${dept.organCommittee.code},${open},80\n`,
    });

    const otherDept = await buildDepartment(server.context(), 1);
    const moved = await server.gql(`mutation($id: ID!, $to: ID!) { moveOrganization(id: $id, newParentId: $to) { depth } }`, {
      id: gid(dept.branches[0]),
      to: gid(otherDept.organCommittee),
    });
    expect(moved.errors).toBeUndefined();
    const dissolved = await server.gql(`mutation($id: ID!) { dissolveOrganization(id: $id) { status } }`, { id: gid(dept.branches[2]) });
    expect(dissolved.errors).toBeUndefined();

    const after = await Promise.all(watched.map(snapshot));
    expect(after).toEqual(before);
    expect((await reports()).data).toEqual(reportsBefore);

    // The open period follows the tree: the moved branch now counts under the other department.
    const openOc = await rollupOf(dept.organCommittee, open);
    expect(openOc.rollup).toMatchObject({ organizationCount: 2, assessedCount: 1, averageScore: 80, childrenAverage: null });
    const openOther = await rollupOf(otherDept.organCommittee, open);
    expect(openOther.rollup).toMatchObject({ organizationCount: 3, assessedCount: 1, averageScore: 50, childrenAverage: 50 });
    const chain = await server.gql(`query($o: ID!, $p: String!) { node(id: $o) { ... on Organization { pressureChain(period: $p) { organization { code } } } } }`, {
      o: gid(dept.branches[0]),
      p: open,
    });
    expect(chain.data.node.pressureChain.map((l: any) => l.organization.code)).toEqual([
      otherDept.province.code,
      otherDept.workingCommittee.code,
      otherDept.partyGroup.code,
      otherDept.organCommittee.code,
      dept.branches[0].code,
    ]);
  });
});

describe("hot spots and rankings break ties by code", () => {
  test("equal attenuations (different children counts) are ordered by code", async () => {
    const period = await newPeriod();
    const root = await buildOrganization(server.context(), { kind: OrgKind.LOCAL_COMMITTEE });
    const wc = await buildOrganization(server.context(), { kind: OrgKind.WORKING_COMMITTEE, parent: root });
    // Party groups Z (1 child at 70) and A (2 children at 60 and 80): both 90 − 70 = 20.
    const z = await buildOrganization(server.context(), { kind: OrgKind.PARTY_GROUP, parent: wc, code: uniqueCode("Z") });
    const a = await buildOrganization(server.context(), { kind: OrgKind.PARTY_GROUP, parent: wc, code: uniqueCode("A") });
    const zc = await buildOrganization(server.context(), { kind: OrgKind.ORGAN_COMMITTEE, parent: z });
    const ac1 = await buildOrganization(server.context(), { kind: OrgKind.ORGAN_COMMITTEE, parent: a });
    const ac2 = await buildOrganization(server.context(), { kind: OrgKind.ORGAN_COMMITTEE, parent: a });
    const rows = [[z, 90], [a, 90], [zc, 70], [ac1, 60], [ac2, 80]] as const;
    await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, {
      csv: ["org_code,period,score", ...rows.map(([o, s]) => `${o.code},${period},${s}`)].join("\n"),
    });
    const response = await server.gql(`query($p: String!, $u: ID) { attenuationHotspots(period: $p, under: $u) { attenuation organization { code } }
        rankings(period: $p, under: $u) { rank score organization { code } } }`, { p: period, u: gid(root) });
    expect(response.errors).toBeUndefined();
    expect(response.data.attenuationHotspots).toEqual([
      { attenuation: 20, organization: { code: a.code } },
      { attenuation: 20, organization: { code: z.code } },
    ]);
    expect(response.data.rankings).toEqual([
      { rank: 1, score: 90, organization: { code: a.code } },
      { rank: 1, score: 90, organization: { code: z.code } },
      { rank: 3, score: 80, organization: { code: ac2.code } },
      { rank: 4, score: 70, organization: { code: zc.code } },
      { rank: 5, score: 60, organization: { code: ac1.code } },
    ]);
  });
});

describe("before a period's first score", () => {
  test("reads answer from the live tree: counts, no scores", async () => {
    const period = await newPeriod();
    const dept = await buildDepartment(server.context(), 2);
    const response = await server.gql(`query($o: ID!, $p: String!) { node(id: $o) { ... on Organization {
        assessment(period: $p) { score } rollup(period: $p) { organizationCount assessedCount coverage averageScore }
        levelProfile(period: $p) { kind organizationCount assessedCount averageScore } pressureChain(period: $p) { ownScore } } }
        rankings(period: $p) { rank } attenuationHotspots(period: $p) { attenuation } }`, { o: gid(dept.organCommittee), p: period });
    expect(response.errors).toBeUndefined();
    expect(response.data.node).toEqual({
      assessment: null,
      rollup: { organizationCount: 3, assessedCount: 0, coverage: 0, averageScore: null },
      levelProfile: [
        { kind: "ORGAN_COMMITTEE", organizationCount: 1, assessedCount: 0, averageScore: null },
        { kind: "BRANCH", organizationCount: 2, assessedCount: 0, averageScore: null },
      ],
      pressureChain: [{ ownScore: null }, { ownScore: null }, { ownScore: null }, { ownScore: null }],
    });
    expect(response.data.rankings).toEqual([]);
    expect(response.data.attenuationHotspots).toEqual([]);
  });
});

export type { AssessmentPeriodEntity };

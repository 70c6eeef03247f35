import { PeriodService } from "../../src/services/period/period.service";
import { addDays, today } from "../../src/services/responsibility/dates";
import { ItemCompletionService } from "../../src/services/responsibility/item-completion.service";
import { CompletionSource } from "../../src/services/scoring/item-completion";
import { toGlobalId } from "../../src/schema/global-id";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { appoint, assign, buildUnit, createPeriod, createPerson, errorCode, installBuiltIn, ok, orgId, record, statusesByCode } from "./helpers";

/** 履责纪实 and completion per period, through the HTTP endpoint (the scoring contract directly). */
let server: TestServer;
let unit: Awaited<ReturnType<typeof buildUnit>>;
let branch: Record<string, any>;
let secretaryDuties: Record<string, string>;

const id = (code: string) => branch[code].responsibility.id as string;

beforeAll(async () => {
  server = await startTestServer();
  unit = await buildUnit(server, 1);
  const pgSecretary = await appoint(server, await createPerson(server, "党组书记"), unit.partyGroup, "PARTY_GROUP_SECRETARY", "2024-01-01");
  await assign(server, await installBuiltIn(server), unit.province);
  for (const code of ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2025-H1", "2025"]) await createPeriod(server, code);
  branch = await statusesByCode(server, unit.branches[0], "2025-Q1");
  const posts = ok(await server.gql(`query($id: ID!) { appointment(id: $id) { responsibilities(period: "2025") { responsibility { id item { code } } } } }`, { id: pgSecretary }));
  secretaryDuties = Object.fromEntries(posts.appointment.responsibilities.map((s: any) => [s.responsibility.item.code, s.responsibility.id]));

  // 支委会 monthly: two in Q1 (the second on its last day), one on the first day of Q2.
  for (const date of ["2025-01-15", "2025-03-31", "2025-04-01"]) ok(await record(server, id("BR-02-2"), date));
  // 支部党员大会 quarterly: one on the last day of Q1.
  ok(await record(server, id("BR-02-1"), "2025-03-31"));
  // 党课 counts lectures only: a record of another kind does not count.
  ok(await record(server, id("BR-02-4"), "2025-02-20", "OTHER", "其他材料 Other evidence"));
  // 组织生活会 yearly, held in February.
  ok(await record(server, id("BR-04"), "2025-02-10"));
  // The party group secretary's half-yearly meeting on 全面从严治党, held in February.
  ok(await record(server, secretaryDuties["PGS-02"], "2025-02-01"));
});
afterAll(() => server.close());

test("quantitative completion is min(1, count / required), with records counted up to each period's last day", async () => {
  const q1 = await statusesByCode(server, unit.branches[0], "2025-Q1");
  const q2 = await statusesByCode(server, unit.branches[0], "2025-Q2");
  const h1 = await statusesByCode(server, unit.branches[0], "2025-H1");
  const year = await statusesByCode(server, unit.branches[0], "2025");
  const pick = (s: any) => [s.recordCount, s.required, s.completion];

  expect(pick(q1["BR-02-2"])).toEqual([2, 3, 2 / 3]);
  expect(pick(q2["BR-02-2"])).toEqual([1, 3, 1 / 3]);
  expect(pick(h1["BR-02-2"])).toEqual([3, 6, 0.5]);
  expect(pick(year["BR-02-2"])).toEqual([3, 12, 0.25]);

  expect(pick(q1["BR-02-1"])).toEqual([1, 1, 1]);
  expect(pick(q2["BR-02-1"])).toEqual([0, 1, 0]);
  expect(pick(h1["BR-02-1"])).toEqual([1, 2, 0.5]);
  expect(pick(year["BR-02-1"])).toEqual([1, 4, 0.25]);

  expect(pick(q1["BR-02-4"])).toEqual([0, 1, 0]);
  expect(q1["BR-02-2"]).toMatchObject({ source: "AUTOMATIC", scored: true, notApplicable: false, due: true, windowStart: "2025-01-01", windowEnd: "2025-03-31" });
  // The 大项 shows the weighted mean of its 小项 (weights 7, 6, 6, 6).
  expect(q1["BR-02"].scored).toBe(false);
  expect(q1["BR-02"].completion).toBeCloseTo((7 * 1 + 6 * (2 / 3) + 6 * 0 + 6 * 0) / 25, 12);
});

test("a yearly duty is not due in the first three quarters and is judged in Q4 on the whole year", async () => {
  for (const code of ["2025-Q1", "2025-Q2", "2025-Q3"]) {
    const status = (await statusesByCode(server, unit.branches[0], code))["BR-04"];
    expect(status).toMatchObject({ due: false, notApplicable: true, completion: null, required: 0, windowStart: "2025-01-01", source: "AUTOMATIC" });
  }
  expect((await statusesByCode(server, unit.branches[0], "2025-Q4"))["BR-04"]).toMatchObject({
    due: true, notApplicable: false, completion: 1, required: 1, recordCount: 1, windowStart: "2025-01-01", windowEnd: "2025-12-31",
  });
  expect((await statusesByCode(server, unit.branches[0], "2025-H1"))["BR-04"]).toMatchObject({ due: false, notApplicable: true });
  expect((await statusesByCode(server, unit.branches[0], "2025"))["BR-04"]).toMatchObject({ due: true, completion: 1 });
});

test("a post holder's half-yearly duty: not due in Q1, met in Q2 by the February meeting", async () => {
  const STATUS = `query($id: ID!, $period: String!) { responsibility(id: $id) { status(period: $period) { due notApplicable completion recordCount required windowStart } } }`;
  const status = async (period: string) => ok(await server.gql(STATUS, { id: secretaryDuties["PGS-02"], period })).responsibility.status;
  expect(await status("2025-Q1")).toMatchObject({ due: false, notApplicable: true, completion: null });
  expect(await status("2025-Q2")).toEqual({ due: true, notApplicable: false, completion: 1, recordCount: 1, required: 1, windowStart: "2025-01-01" });
  expect(await status("2025-Q4")).toMatchObject({ due: true, completion: 0, windowStart: "2025-07-01" });
  expect(await status("2025")).toMatchObject({ required: 2, recordCount: 1, completion: 0.5 });
});

test("records come back with their attachments, a page at a time", async () => {
  const sha256 = "AB".repeat(32);
  const saved = ok(
    await server.gql(`mutation($input: RecordFulfillmentInput!) { recordFulfillment(input: $input) { date evidenceKind summary recordedBy attachments { url sha256 } responsibility { item { code } } } }`, {
      input: { responsibilityId: id("BR-05"), date: "2025-03-03", evidenceKind: "TALK", summary: "  谈心谈话 3 人  ", attachments: [{ url: "https://files.example.org/talk.pdf", sha256 }] },
    }),
  ).recordFulfillment;
  expect(saved).toEqual({
    date: "2025-03-03", evidenceKind: "TALK", summary: "谈心谈话 3 人", recordedBy: "admin",
    attachments: [{ url: "https://files.example.org/talk.pdf", sha256: sha256.toLowerCase() }], responsibility: { item: { code: "BR-05" } },
  });
  const PAGE = `query($id: ID!) { node(id: $id) { ... on Organization { responsibilities(period: "2025-Q1") {
    responsibility { item { code } } records(first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { date } } } } } }`;
  const first = ok(await server.gql(PAGE, { id: orgId(unit.branches[0]) })).node.responsibilities.find((s: any) => s.responsibility.item.code === "BR-02-2").records;
  expect(first).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ date: "2025-01-15" }] });
  const NEXT = `query($id: ID!, $after: String) { responsibility(id: $id) { records(period: "2025-Q1", first: 1, after: $after) { pageInfo { hasNextPage } nodes { date } } } }`;
  const second = ok(await server.gql(NEXT, { id: id("BR-02-2"), after: first.pageInfo.endCursor })).responsibility.records;
  expect(second).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ date: "2025-03-31" }] });
});

test("bad records are refused and change nothing", async () => {
  await new PeriodService().close(server.context(), "2024-Q4");
  const before = (await statusesByCode(server, unit.branches[0], "2025"))["BR-02-3"].recordCount;
  const tomorrow = addDays(today(), 1);
  const cases: [Promise<any>, string][] = [
    [record(server, id("BR-02-3"), "2023-06-01"), "BAD_USER_INPUT"], // in no period
    [record(server, id("BR-02-3"), tomorrow), "BAD_USER_INPUT"], // in the future
    [record(server, id("BR-02-3"), "2024-11-11"), "PERIOD_CLOSED"], // in a closed period
    [record(server, id("BR-02-3"), "2025-02-30"), "BAD_USER_INPUT"], // not a date
    [record(server, id("BR-02-3"), "2025-02-03", "TALK"), "BAD_USER_INPUT"], // not evidence of this item
    [record(server, toGlobalId("Responsibility", 999999), "2025-02-03"), "NOT_FOUND"],
    [record(server, id("BR-02-3"), "2025-02-03", "MEETING", "   "), "BAD_USER_INPUT"],
    [
      server.gql(`mutation($input: RecordFulfillmentInput!) { recordFulfillment(input: $input) { id } }`, {
        input: { responsibilityId: id("BR-02-3"), date: "2025-02-03", evidenceKind: "MEETING", summary: "会", attachments: [{ url: "ftp://x", sha256: "123" }] },
      }),
      "BAD_USER_INPUT",
    ],
  ];
  for (const [response, code] of cases) expect(errorCode(await response)).toBe(code);
  expect((await statusesByCode(server, unit.branches[0], "2025"))["BR-02-3"].recordCount).toBe(before);
});

const MARK = `mutation($input: MarkCompletionInput!) { markCompletion(input: $input) { completion automaticCompletion notApplicable source setBy note } }`;

test("an assessor marks, overrides and clears; provenance is kept", async () => {
  expect(branch["BR-01"]).toMatchObject({ completion: null, source: "ENTERED", required: null });
  expect(ok(await server.gql(MARK, { input: { responsibilityId: id("BR-01"), period: "2025-Q1", completion: 0.85, note: "基本落实" } })).markCompletion).toEqual({
    completion: 0.85, automaticCompletion: null, notApplicable: false, source: "ENTERED", setBy: "admin", note: "基本落实",
  });
  expect(ok(await server.gql(MARK, { input: { responsibilityId: id("BR-02-2"), period: "2025-Q1", completion: 1 } })).markCompletion).toMatchObject({
    completion: 1, automaticCompletion: 2 / 3, source: "OVERRIDDEN",
  });
  expect(ok(await server.gql(MARK, { input: { responsibilityId: id("BR-03"), period: "2025-Q1", notApplicable: true } })).markCompletion).toMatchObject({
    completion: null, notApplicable: true, source: "OVERRIDDEN",
  });
  const cleared = ok(await server.gql(`mutation($id: ID!) { clearCompletionMark(responsibilityId: $id, period: "2025-Q1") { completion source } }`, { id: id("BR-02-2") }));
  expect(cleared.clearCompletionMark).toEqual({ completion: 2 / 3, source: "AUTOMATIC" });

  const refused = [
    await server.gql(MARK, { input: { responsibilityId: id("BR-01"), period: "2025-Q1", completion: 1.5 } }),
    await server.gql(MARK, { input: { responsibilityId: id("BR-01"), period: "2025-Q1", completion: 0.12345 } }),
    await server.gql(MARK, { input: { responsibilityId: id("BR-01"), period: "2025-Q1" } }),
    await server.gql(MARK, { input: { responsibilityId: id("BR-02"), period: "2025-Q1", completion: 1 } }),
    await server.gql(MARK, { input: { responsibilityId: id("BR-01"), period: "2024-Q4", completion: 1 } }),
    await server.gql(MARK, { input: { responsibilityId: id("BR-01"), period: "2031-Q1", completion: 1 } }),
  ];
  expect(refused.map(errorCode)).toEqual(["BAD_USER_INPUT", "BAD_USER_INPUT", "BAD_USER_INPUT", "BAD_USER_INPUT", "PERIOD_CLOSED", "NOT_FOUND"]);
  expect((await statusesByCode(server, unit.branches[0], "2025-Q1"))["BR-01"]).toMatchObject({ completion: 0.85, source: "ENTERED" });
});

test("the scoring contract: the scored leaves with weight, completion and provenance", async () => {
  const ctx = server.context();
  const period = await new PeriodService().requireByCode(ctx, "2025-Q1");
  const items = await new ItemCompletionService().completions(ctx, unit.branches[0].id, period);
  expect(items).toHaveLength(9); // 6 大项 of which 三会一课 counts through its 4 小项
  const byId = new Map(items.map((item) => [item.responsibilityId, item]));
  const get = (code: string) => byId.get(Number(Buffer.from(id(code), "base64url").toString().split(":")[1]))!;
  expect(get("BR-02-2")).toEqual({ responsibilityId: get("BR-02-2").responsibilityId, weight: 6, completion: 2 / 3, notApplicable: false, source: CompletionSource.AUTOMATIC, setBy: null, setAt: null });
  expect(get("BR-01")).toMatchObject({ weight: 15, completion: 0.85, source: CompletionSource.ENTERED, setBy: "admin" });
  expect(get("BR-01").setAt).toBeInstanceOf(Date);
  expect(get("BR-03")).toMatchObject({ notApplicable: true, completion: null });
  expect(get("BR-04")).toMatchObject({ notApplicable: true, completion: null, source: CompletionSource.AUTOMATIC });
  expect(items.reduce((sum, item) => sum + Math.round(item.weight * 100), 0)).toBe(10000);
});

test("duties falling behind: required so far, not met", async () => {
  const BEHIND = `query($under: ID!, $asOf: Date, $first: Int, $after: String) { behindSchedule(under: $under, period: "2025-Q1", asOf: $asOf, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { responsibility { item { code } } requiredSoFar recordCount shortfall asOf } } }`;
  const behind = async (asOf: string) => ok(await server.gql(BEHIND, { under: orgId(unit.branches[0]), asOf })).behindSchedule;
  expect((await behind("2025-01-30")).totalCount).toBe(0);
  const february = await behind("2025-02-28");
  expect(february.nodes.map((n: any) => [n.responsibility.item.code, n.requiredSoFar, n.recordCount, n.shortfall])).toEqual([
    ["BR-02-2", 2, 1, 1],
    ["BR-02-3", 2, 0, 2],
  ]);
  // BR-03 (主题党日, monthly) is marked not applicable for 2025-Q1, so it is left out.
  const march = await behind("2025-03-31");
  expect(march.nodes.map((n: any) => [n.responsibility.item.code, n.requiredSoFar, n.recordCount])).toEqual([
    ["BR-02-2", 3, 2],
    ["BR-02-3", 3, 0],
    ["BR-02-4", 1, 0],
  ]);
  expect(march.nodes[0].asOf).toBe("2025-03-31");
  // Pages do not overlap; asOf beyond the period is clipped to its end.
  const page1 = ok(await server.gql(BEHIND, { under: orgId(unit.branches[0]), asOf: "2025-09-30", first: 2 })).behindSchedule;
  expect(page1).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
  const page2 = ok(await server.gql(BEHIND, { under: orgId(unit.branches[0]), asOf: "2025-09-30", first: 2, after: page1.pageInfo.endCursor })).behindSchedule;
  expect([...page1.nodes, ...page2.nodes].map((n: any) => n.responsibility.item.code)).toEqual(["BR-02-2", "BR-02-3", "BR-02-4"]);
  // Over the whole unit, the party group's and its posts' duties appear too.
  const unitWide = ok(await server.gql(BEHIND, { under: orgId(unit.partyGroup), asOf: "2025-03-31" })).behindSchedule;
  expect(unitWide.nodes.map((n: any) => n.responsibility.item.code)).toEqual(expect.arrayContaining(["BR-02-2", "BR-02-3", "BR-02-4"]));
  expect(unitWide.nodes.map((n: any) => n.responsibility.item.code)).not.toContain("PGS-02");
  expect(errorCode(await server.gql(BEHIND, { under: orgId(unit.branches[0]), asOf: "2025-03-31", first: 0 }))).toBe("BAD_USER_INPUT");
});

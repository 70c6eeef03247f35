import { toGlobalId } from "../../src/schema/global-id";
import { startTestServer, type TestServer } from "../helpers/test-server";
import {
  buildUnit,
  errorOf,
  extend,
  gid,
  ok,
  PROBLEM_FIELDS,
  recordProblem,
  reject,
  reopen,
  rid,
  startRectification,
  submit,
  today,
  userHeaders,
  verify,
  type Unit,
} from "./helpers";

/**
 * The problem state machine of DOMAIN.md §4 through the HTTP endpoint: every legal
 * transition, every illegal one (CONFLICT naming the current state and the allowed next
 * states), deadlines at their boundaries (a deadline of D is met on D and overdue from D+1),
 * the missed-deadline rule, 回头看, the history and the audit log, the trace up the
 * derivation chain, and who may do what.
 */
let server: TestServer;
let unit: Unit;

beforeAll(async () => {
  server = await startTestServer();
  unit = await buildUnit(server);
});

afterEach(() => today(null));
afterAll(() => server.close());

async function newProblem(deadline?: string, foundOn = "2026-03-01") {
  today("2026-03-10");
  return ok(await recordProblem(server, unit.branchDuties[0], { deadline, foundOn })).recordProblem;
}

describe("legal transitions", () => {
  test("OPEN → RECTIFYING → PENDING_VERIFICATION → CLOSED → REOPENED → RECTIFYING, with the history", async () => {
    const problem = await newProblem();
    expect(problem).toMatchObject({ state: "OPEN", deadline: null, foundOn: "2026-03-01", overdue: false, nextActions: ["START_RECTIFICATION", "EXTEND_DEADLINE"] });
    expect(problem.owner.id).toBe(toGlobalId("Appointment", unit.branchSecretaries[0].id));
    expect(problem.category.code).toBe("RULES_NOT_ENFORCED");

    today("2026-03-11");
    const rectifying = ok(await startRectification(server, problem.id, "2026-04-30")).startRectification;
    expect(rectifying).toMatchObject({ state: "RECTIFYING", deadline: "2026-04-30", rectificationMode: "BY_DEADLINE", nextActions: ["SUBMIT_FOR_VERIFICATION", "EXTEND_DEADLINE"] });
    expect(rectifying.currentProject).toMatchObject({ dueDate: "2026-04-30", mode: "BY_DEADLINE", owner: { id: problem.owner.id } });

    today("2026-04-20");
    expect(ok(await submit(server, problem.id)).submitProblemForVerification).toMatchObject({ state: "PENDING_VERIFICATION", nextActions: ["VERIFY", "REJECT_VERIFICATION", "EXTEND_DEADLINE"] });
    today("2026-04-25");
    const closed = ok(await verify(server, problem.id, unit.organCommittee)).verifyProblem;
    expect(closed).toMatchObject({ state: "CLOSED", closedOn: "2026-04-25", nextActions: ["REOPEN"], overdue: false });

    today("2026-09-01");
    const reopened = ok(await reopen(server, problem.id, "回头看发现问题反弹", "2026-10-31")).reopenProblem;
    expect(reopened).toMatchObject({ state: "REOPENED", closedOn: null, reopenCount: 1, deadline: "2026-10-31", rectificationMode: null, nextActions: ["START_RECTIFICATION", "EXTEND_DEADLINE"] });
    const again = ok(await startRectification(server, problem.id, "2026-10-15", { mode: "ONGOING", startDate: "2026-09-01" })).startRectification;
    expect(again).toMatchObject({ state: "RECTIFYING", deadline: "2026-10-31", rectificationMode: "ONGOING" });

    const history = ok(
      await server.gql(
        `query($id: ID!) { problem(id: $id) { projects { dueDate mode } history { seq action fromState toState deadlineBefore deadlineAfter occurredOn reason actorName
           project { dueDate } verifierOrganization { id } } } }`,
        { id: problem.id },
      ),
    ).problem;
    expect(history.projects).toEqual([
      { dueDate: "2026-04-30", mode: "BY_DEADLINE" },
      { dueDate: "2026-10-15", mode: "ONGOING" },
    ]);
    expect(history.history.map((e: any) => [e.seq, e.action, e.fromState, e.toState, e.deadlineBefore, e.deadlineAfter, e.occurredOn])).toEqual([
      [1, "RECORD", null, "OPEN", null, null, "2026-03-01"],
      [2, "START_RECTIFICATION", "OPEN", "RECTIFYING", null, "2026-04-30", "2026-03-11"],
      [3, "SUBMIT_FOR_VERIFICATION", "RECTIFYING", "PENDING_VERIFICATION", "2026-04-30", "2026-04-30", "2026-04-20"],
      [4, "VERIFY", "PENDING_VERIFICATION", "CLOSED", "2026-04-30", "2026-04-30", "2026-04-25"],
      [5, "REOPEN", "CLOSED", "REOPENED", "2026-04-30", "2026-10-31", "2026-09-01"],
      [6, "START_RECTIFICATION", "REOPENED", "RECTIFYING", "2026-10-31", "2026-10-31", "2026-09-01"],
    ]);
    expect(history.history.every((e: any) => e.actorName === "admin")).toBe(true);
    expect(history.history[1].project).toEqual({ dueDate: "2026-04-30" });
    expect(history.history[3].verifierOrganization).toEqual({ id: gid(unit.organCommittee) });
    expect(history.history[4].reason).toBe("回头看发现问题反弹");
  });

  test("a refused application goes back to RECTIFYING with its reason", async () => {
    const problem = await newProblem("2026-06-30");
    ok(await startRectification(server, problem.id, "2026-05-31"));
    ok(await submit(server, problem.id));
    const back = ok(await reject(server, problem.id, "台账不完整")).rejectProblemVerification;
    expect(back).toMatchObject({ state: "RECTIFYING", deadline: "2026-06-30" });
    const closedAtLast = ok(await submit(server, problem.id));
    expect(closedAtLast.submitProblemForVerification.state).toBe("PENDING_VERIFICATION");
    // A discipline committee over the organisation may verify too.
    expect(ok(await verify(server, problem.id, unit.disciplineCommittee)).verifyProblem.state).toBe("CLOSED");
  });

  test("the audit log has a detailed entry per transition, with the state before and after", async () => {
    const problem = await newProblem();
    ok(await startRectification(server, problem.id, "2026-04-30"));
    const log = ok(
      await server.gql(`query { auditLog(first: 5, filter: { targetType: "Problem" }) { nodes { action targetId before after } } }`),
    ).auditLog.nodes;
    const entries = log.filter((entry: any) => entry.targetId === problem.id);
    expect(entries.map((entry: any) => entry.action)).toEqual(["problem.startRectification", "problem.record"]);
    expect(entries[0].before).toMatchObject({ state: "OPEN", deadline: null });
    expect(entries[0].after).toMatchObject({ state: "RECTIFYING", deadline: "2026-04-30", event: { action: "START_RECTIFICATION", fromState: "OPEN", toState: "RECTIFYING" }, project: { dueDate: "2026-04-30" } });
  });
});

describe("illegal transitions are refused with CONFLICT naming the state and what may follow", () => {
  test.each([
    ["OPEN", "submit"],
    ["OPEN", "verify"],
    ["OPEN", "reject"],
    ["OPEN", "reopen"],
    ["RECTIFYING", "start"],
    ["RECTIFYING", "verify"],
    ["RECTIFYING", "reject"],
    ["RECTIFYING", "reopen"],
    ["PENDING_VERIFICATION", "start"],
    ["PENDING_VERIFICATION", "submit"],
    ["PENDING_VERIFICATION", "reopen"],
    ["CLOSED", "start"],
    ["CLOSED", "submit"],
    ["CLOSED", "verify"],
    ["CLOSED", "reject"],
    ["CLOSED", "extend"],
    ["REOPENED", "submit"],
    ["REOPENED", "verify"],
    ["REOPENED", "reject"],
    ["REOPENED", "reopen"],
  ])("%s: %s", async (state, action) => {
    const problem = await newProblem();
    const path: Record<string, (() => Promise<unknown>)[]> = {
      OPEN: [],
      RECTIFYING: [() => startRectification(server, problem.id, "2026-04-30")],
      PENDING_VERIFICATION: [() => startRectification(server, problem.id, "2026-04-30"), () => submit(server, problem.id)],
      CLOSED: [() => startRectification(server, problem.id, "2026-04-30"), () => submit(server, problem.id), () => verify(server, problem.id, unit.organCommittee)],
      REOPENED: [
        () => startRectification(server, problem.id, "2026-04-30"),
        () => submit(server, problem.id),
        () => verify(server, problem.id, unit.organCommittee),
        () => reopen(server, problem.id),
      ],
    };
    for (const step of path[state]) ok((await step()) as any);
    const attempt: Record<string, () => Promise<any>> = {
      start: () => startRectification(server, problem.id, "2026-04-30"),
      submit: () => submit(server, problem.id),
      verify: () => verify(server, problem.id, unit.organCommittee),
      reject: () => reject(server, problem.id),
      reopen: () => reopen(server, problem.id),
      extend: () => extend(server, problem.id, "2026-12-31"),
    };
    const error = errorOf(await attempt[action]());
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain(`is ${state}`);
    expect(error.message).toMatch(/Allowed next: |Nothing may follow/);
    expect(error.extensions.currentState).toBe(state);
    expect(Array.isArray(error.extensions.allowedNextStates)).toBe(true);
    // Nothing changed.
    const after = ok(await server.gql(`query($id: ID!) { problem(id: $id) { state history { seq } } }`, { id: problem.id })).problem;
    expect(after.state).toBe(state);
    expect(after.history).toHaveLength(1 + path[state].length);
  });

  test("the message lists the allowed next states", async () => {
    const problem = await newProblem();
    const error = errorOf(await verify(server, problem.id, unit.organCommittee));
    expect(error.message).toBe(
      `problem ${Buffer.from(problem.id, "base64url").toString().split(":")[1]} is OPEN: verifyProblem needs PENDING_VERIFICATION. Allowed next: startRectification (→ RECTIFYING), extendProblemDeadline (→ OPEN).`,
    );
    expect(error.extensions.allowedNextStates).toEqual(["RECTIFYING", "OPEN"]);
  });
});

describe("deadlines", () => {
  test("a deadline of D is met on D and overdue from D+1", async () => {
    const problem = await newProblem("2026-04-30");
    const overdueOn = async (day: string) =>
      ok(await server.gql(`query($id: ID!, $d: Date) { problem(id: $id) { overdue(on: $d) } }`, { id: problem.id, d: day })).problem.overdue;
    expect(await overdueOn("2026-04-29")).toBe(false);
    expect(await overdueOn("2026-04-30")).toBe(false);
    expect(await overdueOn("2026-05-01")).toBe(true);

    today("2026-04-30");
    let listed = ok(await server.gql(`query($u: ID!) { overdueProblems(under: $u) { totalCount nodes { id } } }`, { u: gid(unit.branches[0]) })).overdueProblems;
    expect(listed.nodes.map((n: any) => n.id)).not.toContain(problem.id);
    today("2026-05-01");
    listed = ok(await server.gql(`query($u: ID!) { overdueProblems(under: $u) { nodes { id overdue } } }`, { u: gid(unit.branches[0]) })).overdueProblems;
    expect(listed.nodes).toContainEqual({ id: problem.id, overdue: true });
  });

  test("rectification may start on the deadline day, not the day after; the due date must lie within the deadline", async () => {
    const problem = await newProblem("2026-04-30");
    today("2026-04-30");
    expect(errorOf(await startRectification(server, problem.id, "2026-05-01")).code).toBe("BAD_USER_INPUT");
    today("2026-05-01");
    const missed = errorOf(await startRectification(server, problem.id, "2026-05-31"));
    expect(missed.code).toBe("CONFLICT");
    expect(missed.message).toContain("missed its deadline 2026-04-30");
    expect(missed.message).toContain("extendProblemDeadline");
    today("2026-04-30");
    expect(ok(await startRectification(server, problem.id, "2026-04-30")).startRectification.state).toBe("RECTIFYING");
  });

  test("a missed deadline needs a reason and a new deadline before 销号 can be applied for; the old one stays in the history", async () => {
    const problem = await newProblem("2026-04-30");
    ok(await startRectification(server, problem.id, "2026-04-30"));
    today("2026-05-01");
    expect(errorOf(await submit(server, problem.id)).code).toBe("CONFLICT");
    // No reason, a new deadline not later than the old one, or one already past: refused.
    expect(errorOf(await extend(server, problem.id, "2026-06-30", "   ")).code).toBe("BAD_USER_INPUT");
    expect(errorOf(await extend(server, problem.id, "2026-04-30")).code).toBe("BAD_USER_INPUT");
    expect(errorOf(await extend(server, problem.id, "2026-04-15")).code).toBe("BAD_USER_INPUT");
    today("2026-05-10");
    expect(errorOf(await extend(server, problem.id, "2026-05-09")).code).toBe("BAD_USER_INPUT");
    // Today itself is a valid new deadline: it is met today.
    const extended = ok(await extend(server, problem.id, "2026-05-10", "制度修订需上级审批")).extendProblemDeadline;
    expect(extended).toMatchObject({ state: "RECTIFYING", deadline: "2026-05-10", overdue: false });
    expect(ok(await submit(server, problem.id)).submitProblemForVerification.state).toBe("PENDING_VERIFICATION");
    const history = ok(await server.gql(`query($id: ID!) { problem(id: $id) { history { action deadlineBefore deadlineAfter reason } } }`, { id: problem.id })).problem.history;
    expect(history.find((e: any) => e.action === "EXTEND_DEADLINE")).toEqual({ action: "EXTEND_DEADLINE", deadlineBefore: "2026-04-30", deadlineAfter: "2026-05-10", reason: "制度修订需上级审批" });
  });

  test("a problem pending verification past its deadline is overdue but may still be verified", async () => {
    const problem = await newProblem("2026-04-30");
    ok(await startRectification(server, problem.id, "2026-04-30"));
    ok(await submit(server, problem.id));
    today("2026-05-03");
    const pending = ok(await server.gql(`query($id: ID!) { problem(id: $id) { state overdue } }`, { id: problem.id })).problem;
    expect(pending).toEqual({ state: "PENDING_VERIFICATION", overdue: true });
    expect(ok(await verify(server, problem.id, unit.partyGroup)).verifyProblem).toMatchObject({ state: "CLOSED", overdue: false });
  });

  test("input dates are checked: found in the future, deadline before found, malformed", async () => {
    today("2026-03-10");
    expect(errorOf(await recordProblem(server, unit.branchDuties[0], { foundOn: "2026-03-11" })).code).toBe("BAD_USER_INPUT");
    expect(errorOf(await recordProblem(server, unit.branchDuties[0], { foundOn: "2026-03-05", deadline: "2026-03-04" })).code).toBe("BAD_USER_INPUT");
    expect(errorOf(await recordProblem(server, unit.branchDuties[0], { foundOn: "2026-02-30" })).code).toBe("BAD_USER_INPUT");
    const problem = await newProblem();
    expect(errorOf(await startRectification(server, problem.id, "2026-04-30", { startDate: "2026-05-01" })).code).toBe("BAD_USER_INPUT");
    expect(errorOf(await startRectification(server, problem.id, "2026-03-09", { startDate: "2026-03-01" })).code).toBe("BAD_USER_INPUT");
  });
});

describe("recording", () => {
  test("an inspection's problem takes its source and date; the inspection lists it", async () => {
    today("2026-03-10");
    const inspection = ok(
      await server.gql(
        `mutation($i: RecordInspectionInput!) { recordInspection(input: $i) { id date method inspectingOrganization { id } inspectedOrganization { id } } }`,
        { i: { inspectingOrganizationId: gid(unit.partyGroup), inspectedOrganizationId: gid(unit.organCommittee), date: "2026-03-05", method: "UNANNOUNCED", findings: "四不两直发现支部记录不全" } },
      ),
    ).recordInspection;
    expect(inspection).toMatchObject({ date: "2026-03-05", method: "UNANNOUNCED", inspectingOrganization: { id: gid(unit.partyGroup) } });
    const problem = ok(await recordProblem(server, unit.branchDuties[1], { inspectionId: inspection.id, source: null, foundOn: null })).recordProblem;
    expect(problem.foundOn).toBe("2026-03-05");
    const listed = ok(await server.gql(`query($id: ID!) { inspection(id: $id) { problems { totalCount nodes { id source inspection { id } } } } }`, { id: inspection.id })).inspection;
    expect(listed.problems).toEqual({ totalCount: 1, nodes: [{ id: problem.id, source: "INSPECTION", inspection: { id: inspection.id } }] });

    // Another source with an inspection, or a problem outside the inspected subtree: bad input.
    expect(errorOf(await recordProblem(server, unit.branchDuties[1], { inspectionId: inspection.id, source: "AUDIT" })).code).toBe("BAD_USER_INPUT");
    expect(errorOf(await recordProblem(server, unit.partyGroupDuty, { inspectionId: inspection.id, source: null })).code).toBe("BAD_USER_INPUT");
    // An inspection by a subordinate, or by the organisation itself, is refused.
    const bySelf = await server.gql(`mutation($i: RecordInspectionInput!) { recordInspection(input: $i) { id } }`, {
      i: { inspectingOrganizationId: gid(unit.branches[0]), inspectedOrganizationId: gid(unit.organCommittee), date: "2026-03-05", method: "ANNOUNCED", findings: "x" },
    });
    expect(errorOf(bySelf).code).toBe("BAD_USER_INPUT");
  });

  test("the owner is the responsibility's holder: a post holder, or for an organisation's own duty its secretary", async () => {
    today("2026-03-10");
    const postDuty = ok(await recordProblem(server, unit.branchSecretaryDuties[0])).recordProblem;
    expect(postDuty.owner.id).toBe(toGlobalId("Appointment", unit.branchSecretaries[0].id));
    const orgDuty = ok(await recordProblem(server, unit.partyGroupDuty)).recordProblem;
    expect(orgDuty.owner.id).toBe(toGlobalId("Appointment", unit.partyGroupSecretary.id));
  });

  test("categories: the ten defaults, unknown and retired codes are bad input, administrators add and retire", async () => {
    const categories = ok(await server.gql(`query { problemCategories { code name position active } }`)).problemCategories;
    expect(categories).toHaveLength(10);
    expect(categories.map((c: any) => c.code)).toEqual([
      "RESPONSIBILITY_NOT_FULFILLED",
      "POLITICAL_BUILDING",
      "THEORETICAL_STUDY",
      "ORGANIZATION_SETUP",
      "TEAM_BUILDING",
      "RULES_NOT_ENFORCED",
      "ROLE_NOT_PLAYED",
      "WORK_STYLE",
      "CLEAN_GOVERNANCE",
      "BASIC_SUPPORT",
    ]);
    today("2026-03-10");
    expect(errorOf(await recordProblem(server, unit.branchDuties[0], { category: "NO_SUCH" })).code).toBe("BAD_USER_INPUT");
    const created = ok(await server.gql(`mutation { createProblemCategory(input: { code: "DATA_QUALITY", name: "台账资料不规范" }) { id code position active } }`)).createProblemCategory;
    expect(created).toMatchObject({ code: "DATA_QUALITY", position: 11, active: true });
    expect(ok(await recordProblem(server, unit.branchDuties[0], { category: "DATA_QUALITY" })).recordProblem.category.code).toBe("DATA_QUALITY");
    ok(await server.gql(`mutation($id: ID!) { updateProblemCategory(id: $id, input: { active: false }) { active } }`, { id: created.id }));
    expect(errorOf(await recordProblem(server, unit.branchDuties[0], { category: "DATA_QUALITY" })).code).toBe("BAD_USER_INPUT");
    expect(ok(await server.gql(`query { problemCategories(includeRetired: true) { code } }`)).problemCategories).toHaveLength(11);
    const inspector = await userHeaders(server, "INSPECTOR", unit.partyGroup);
    expect(errorOf(await server.gql(`mutation { createProblemCategory(input: { code: "X_Y", name: "x" }) { id } }`, {}, inspector)).code).toBe("FORBIDDEN");
  });
});

describe("trace up", () => {
  test("from a problem: the breached duty, the upper duties it hurts and who holds them", async () => {
    today("2026-03-10");
    const problem = ok(await recordProblem(server, unit.branchSecretaryDuties[0])).recordProblem;
    const trace = ok(
      await server.gql(`query($id: ID!) { problem(id: $id) { traceUp { step responsibility { id } organization { id kind } holder { id postKind } } } }`, { id: problem.id }),
    ).problem.traceUp;
    expect(trace).toEqual([
      { step: 0, responsibility: { id: rid(unit.branchSecretaryDuties[0]) }, organization: { id: gid(unit.branches[0]), kind: "BRANCH" }, holder: { id: toGlobalId("Appointment", unit.branchSecretaries[0].id), postKind: "BRANCH_SECRETARY" } },
      { step: 1, responsibility: { id: rid(unit.branchDuties[0]) }, organization: { id: gid(unit.branches[0]), kind: "BRANCH" }, holder: null },
      { step: 2, responsibility: { id: rid(unit.organDuty) }, organization: { id: gid(unit.organCommittee), kind: "ORGAN_COMMITTEE" }, holder: null },
      { step: 3, responsibility: { id: rid(unit.partyGroupDuty) }, organization: { id: gid(unit.partyGroup), kind: "PARTY_GROUP" }, holder: null },
    ]);
  });
});

describe("who may do what", () => {
  test("an inspector writes inside its scope only; a viewer reads; out of scope is NOT_FOUND, a branch's problems are invisible to another branch", async () => {
    today("2026-03-10");
    const problem = ok(await recordProblem(server, unit.branchDuties[0])).recordProblem;
    const inspector = await userHeaders(server, "INSPECTOR", unit.organCommittee);
    const viewer = await userHeaders(server, "VIEWER", unit.organCommittee);
    const otherBranch = await userHeaders(server, "INSPECTOR", unit.branches[1]);

    expect(ok(await recordProblem(server, unit.branchDuties[0], {}, inspector)).recordProblem.state).toBe("OPEN");
    expect(errorOf(await recordProblem(server, unit.partyGroupDuty, {}, inspector)).code).toBe("NOT_FOUND");
    expect(errorOf(await recordProblem(server, unit.branchDuties[0], {}, viewer)).code).toBe("FORBIDDEN");

    const mutation = `mutation($i: StartRectificationInput!) { startRectification(input: $i) { state } }`;
    const input = { problemId: problem.id, mode: "BY_DEADLINE", goal: "g", measures: "m", startDate: "2026-03-10", dueDate: "2026-04-30" };
    expect(errorOf(await server.gql(mutation, { i: input }, viewer)).code).toBe("FORBIDDEN");
    expect(errorOf(await server.gql(mutation, { i: input }, otherBranch)).code).toBe("NOT_FOUND");
    expect(ok(await server.gql(mutation, { i: input }, inspector)).startRectification.state).toBe("RECTIFYING");

    const read = `query($id: ID!) { problem(id: $id) { id } }`;
    expect(ok(await server.gql(read, { id: problem.id }, viewer)).problem).toEqual({ id: problem.id });
    expect(ok(await server.gql(read, { id: problem.id }, otherBranch)).problem).toBeNull();
    const listed = ok(await server.gql(`query { problems(first: 100) { totalCount nodes { organization { id } } } }`, {}, otherBranch)).problems;
    expect(listed.nodes.every((n: any) => n.organization.id === gid(unit.branches[1]))).toBe(true);
    expect(errorOf(await server.gql(`query($u: ID!) { problems(filter: { under: $u }) { totalCount } }`, { u: gid(unit.branches[0]) }, otherBranch)).code).toBe("NOT_FOUND");
  });

  test("node(id) resolves the oversight types, within the caller's scope", async () => {
    today("2026-03-10");
    const problem = ok(await recordProblem(server, unit.branchDuties[0])).recordProblem;
    ok(await startRectification(server, problem.id, "2026-04-30"));
    const detail = ok(await server.gql(`query($id: ID!) { problem(id: $id) { history { id } currentProject { id } category { id } } }`, { id: problem.id })).problem;
    const ids = [problem.id, detail.history[0].id, detail.currentProject.id, detail.category.id];
    const query = `query($id: ID!) { node(id: $id) { __typename id } }`;
    const types = [];
    for (const id of ids) types.push(ok(await server.gql(query, { id })).node);
    expect(types).toEqual([
      { __typename: "Problem", id: ids[0] },
      { __typename: "ProblemEvent", id: ids[1] },
      { __typename: "RectificationProject", id: ids[2] },
      { __typename: "ProblemCategory", id: ids[3] },
    ]);
    const otherBranch = await userHeaders(server, "VIEWER", unit.branches[1]);
    for (const id of ids.slice(0, 3)) expect(ok(await server.gql(query, { id }, otherBranch)).node).toBeNull();
    expect(ok(await server.gql(query, { id: toGlobalId("Problem", 999999) })).node).toBeNull();
  });

  test("unknown and malformed ids", async () => {
    expect(ok(await server.gql(`query($id: ID!) { problem(id: $id) { id } }`, { id: toGlobalId("Problem", 999999) })).problem).toBeNull();
    expect(errorOf(await submit(server, toGlobalId("Problem", 999999))).code).toBe("NOT_FOUND");
    expect(errorOf(await submit(server, toGlobalId("Organization", 1))).code).toBe("BAD_USER_INPUT");
    expect(errorOf(await submit(server, "not-an-id")).code).toBe("BAD_USER_INPUT");
    expect(errorOf(await recordProblem(server, { id: 999999 } as any)).code).toBe("NOT_FOUND");
  });
});

export { PROBLEM_FIELDS };

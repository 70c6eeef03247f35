import { toGlobalId } from "../../src/schema/global-id";
import { startTestServer, type GraphQLResponse, type TestServer } from "../helpers/test-server";
import { expectStatementsIndependentOfSize } from "../helpers/statement-counts";
import { appoint, assign, buildUnit, createPeriod, createPerson, installBuiltIn, ok, orgId, record, statusesByCode } from "./helpers";

/**
 * Who may do what in the responsibility feature (DOMAIN.md §5, services/responsibility/access.ts),
 * through the HTTP endpoint, for every role scoped to one branch: inside the scope, a sibling
 * branch outside it, and the ancestors above it (visible by name only).
 */
let server: TestServer;
let unit: Awaited<ReturnType<typeof buildUnit>>;
let large: Awaited<ReturnType<typeof buildUnit>>;
let catalogId: string;
/** Duty ids by item code: branch 0 (inside the scope), branch 1 (outside), the organ committee (above). */
let inside: Record<string, string>;
let outside: Record<string, string>;
let above: Record<string, string>;
let insideSecretary: string;
let insideSecretaryDuty: string;
let outsideSecretary: string;
let people: { inside: string; outside: string; transferred: string };
let outsideRecord: string;
let outsideLocalCatalog: string;

const ROLES = ["ADMIN", "ORG_ADMIN", "ASSESSOR", "INSPECTOR", "VIEWER"] as const;
type Role = (typeof ROLES)[number];
/** Users scoped to branch 0, by role. */
const users = {} as Record<Role, Record<string, string>>;
let counter = 0;

const PERIOD = "2025-Q1";

async function userHeaders(role: string, scope: { id: number } | null): Promise<Record<string, string>> {
  const username = `authz-${role.toLowerCase().replace("_", "-")}-${++counter}`;
  const password = `password-of-${username}`;
  ok(await server.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { username, password, role, scopeId: scope ? toGlobalId("Organization", scope.id) : null } }));
  return { authorization: `Bearer ${await server.login(username, password)}` };
}

/** "OK", or the code of the single error. */
function outcome(response: GraphQLResponse): string {
  if (!response.errors) return "OK";
  expect(response.errors).toHaveLength(1);
  return response.errors[0].extensions?.code ?? "NO_CODE";
}

const ids = (statuses: Record<string, any>) => Object.fromEntries(Object.entries(statuses).map(([code, s]) => [code, s.responsibility.id as string]));

beforeAll(async () => {
  server = await startTestServer();
  unit = await buildUnit(server, 2);
  large = await buildUnit(server, 8);
  catalogId = await installBuiltIn(server);
  people = {
    inside: await createPerson(server, "支部书记甲"),
    outside: await createPerson(server, "支部书记乙"),
    transferred: await createPerson(server, "调动干部丁"),
  };
  // The current holder's term ends in 2099, so the tests below can appoint (and end) later terms.
  insideSecretary = await appoint(server, people.inside, unit.branches[0], "BRANCH_SECRETARY", "2024-01-01", "2099-12-31");
  outsideSecretary = await appoint(server, people.outside, unit.branches[1], "BRANCH_SECRETARY", "2024-01-01");
  // Someone who served in both branches: visible in branch 0's scope through that post only.
  await appoint(server, people.transferred, unit.branches[0], "BRANCH_SECRETARY", "2018-01-01", "2018-12-31");
  await appoint(server, people.transferred, unit.branches[1], "BRANCH_SECRETARY", "2019-01-01", "2019-12-31");
  await appoint(server, await createPerson(server, "机关党委书记"), unit.organCommittee, "ORGAN_COMMITTEE_SECRETARY", "2024-01-01");
  for (const branch of large.branches) await appoint(server, await createPerson(server, `书记 ${branch.code}`), branch, "BRANCH_SECRETARY", "2024-01-01");
  await assign(server, catalogId, unit.province);
  await assign(server, catalogId, large.province);
  await createPeriod(server, PERIOD);

  inside = ids(await statusesByCode(server, unit.branches[0], PERIOD));
  outside = ids(await statusesByCode(server, unit.branches[1], PERIOD));
  above = ids(await statusesByCode(server, unit.organCommittee, PERIOD));
  const secretaryDuties = ok(
    await server.gql(`query($id: ID!) { appointment(id: $id) { responsibilities(period: "${PERIOD}") { responsibility { id item { code } } } } }`, { id: insideSecretary }),
  ).appointment.responsibilities;
  insideSecretaryDuty = secretaryDuties.find((s: any) => s.responsibility.item.code === "BRS-02").responsibility.id;

  for (const branch of [...unit.branches, ...large.branches]) {
    const duties = ids(await statusesByCode(server, branch, PERIOD));
    ok(await record(server, duties["BR-02-2"], "2025-01-10"));
    ok(await record(server, duties["BR-02-2"], "2025-02-10"));
  }
  outsideRecord = ok(await record(server, outside["BR-03"], "2025-01-20", "OTHER", "主题党日 A theme day")).recordFulfillment.id;
  const local = ok(
    await server.gql(`mutation($input: LocalResponsibilityInput!) { addLocalResponsibility(input: $input) { item { catalog { id } } } }`, {
      input: localInput(unit.branches[1], "ADMIN-LOCAL"),
    }),
  );
  outsideLocalCatalog = local.addLocalResponsibility.item.catalog.id;

  for (const role of ROLES) users[role] = await userHeaders(role, unit.branches[0]);
});
afterAll(() => server.close());

function localInput(organization: { id: number }, code: string) {
  return { organizationId: orgId(organization as never), code, title: "自定责任 A local duty", dutyType: "PRIMARY", category: "ORGANIZATIONAL", weight: 5, evidenceKinds: ["MEETING"] };
}

describe("reads: inside the scope everything, outside nothing (null / NOT_FOUND), above the scope names only", () => {
  test.each(ROLES)("%s scoped to a branch", async (role) => {
    const as = users[role];
    const gql = (query: string, variables?: Record<string, unknown>) => server.gql(query, variables, as);

    // Single responsibilities: inside whole, outside and above as if unknown (lookups and node(id) alike).
    const one = `query($id: ID!) { responsibility(id: $id) { id item { code } status(period: "${PERIOD}") { recordCount } records { totalCount } } node(id: $id) { id } }`;
    expect(ok(await gql(one, { id: inside["BR-02-2"] }))).toEqual({
      responsibility: { id: inside["BR-02-2"], item: { code: "BR-02-2" }, status: { recordCount: 2 }, records: { totalCount: 2 } },
      node: { id: inside["BR-02-2"] },
    });
    expect(ok(await gql(one, { id: outside["BR-02-2"] }))).toEqual({ responsibility: null, node: null });
    expect(ok(await gql(one, { id: above["OC-05"] }))).toEqual({ responsibility: null, node: null });
    expect(ok(await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: outsideRecord })).node).toBeNull();

    // An organisation's duties and leadership: inside listed, above FORBIDDEN (the name stays readable), outside unknown.
    const org = `query($id: ID!) { node(id: $id) { ... on Organization { name leadership { id } responsibilities(period: "${PERIOD}") { responsibility { id } } } } }`;
    const own = ok(await gql(org, { id: orgId(unit.branches[0]) })).node;
    expect(own.leadership).toEqual([{ id: insideSecretary }]);
    expect(own.responsibilities).toHaveLength(10);
    expect(ok(await gql(org, { id: orgId(unit.branches[1]) })).node).toBeNull();
    expect(ok(await gql(`query($id: ID!) { node(id: $id) { ... on Organization { name } } }`, { id: orgId(unit.organCommittee) })).node.name).toBe(unit.organCommittee.name);
    expect(outcome(await gql(`query($id: ID!) { node(id: $id) { ... on Organization { leadership { id } } } }`, { id: orgId(unit.organCommittee) }))).toBe("FORBIDDEN");
    expect(outcome(await gql(`query($id: ID!) { node(id: $id) { ... on Organization { responsibilities(period: "${PERIOD}") { completion } } } }`, { id: orgId(unit.organCommittee) }))).toBe(
      "FORBIDDEN",
    );

    // Posts and people: visible through a post in the scope, and only those posts.
    const post = `query($id: ID!) { appointment(id: $id) { id person { id } } node(id: $id) { id } }`;
    expect(ok(await gql(post, { id: insideSecretary }))).toEqual({ appointment: { id: insideSecretary, person: { id: people.inside } }, node: { id: insideSecretary } });
    expect(ok(await gql(post, { id: outsideSecretary }))).toEqual({ appointment: null, node: null });
    const person = `query($id: ID!) { person(id: $id) { name appointments { organization { id } } } node(id: $id) { id } }`;
    expect(ok(await gql(person, { id: people.outside }))).toEqual({ person: null, node: null });
    expect(ok(await gql(person, { id: people.transferred })).person).toEqual({ name: "调动干部丁", appointments: [{ organization: { id: orgId(unit.branches[0]) } }] });

    // Derivation: the chain up is cut where it leaves the scope; derivedFrom above the scope is null.
    const chain = `query($id: ID!) { responsibility(id: $id) { derivationChain { item { code } } derivedFrom { id } } }`;
    expect(ok(await gql(chain, { id: insideSecretaryDuty })).responsibility.derivationChain).toEqual([{ item: { code: "BRS-02" } }, { item: { code: "BR-02" } }]);
    expect(ok(await gql(chain, { id: inside["BR-02"] })).responsibility).toEqual({ derivationChain: [{ item: { code: "BR-02" } }], derivedFrom: null });
    // What the duty breaks down in general stays visible through the catalog (reference data).
    expect(ok(await gql(`query($id: ID!) { responsibility(id: $id) { item { derivesFrom { code } } } }`, { id: inside["BR-02"] })).responsibility.item.derivesFrom.code).toBe("OC-05");

    // Catalogs: shared ones for everyone, an organisation's local list only with the organisation.
    const catalogs = ok(await gql(`{ catalogs { code } }`)).catalogs.map((c: any) => c.code);
    expect(catalogs).toEqual(["SANJI-WUGANG"]);
    expect(ok(await gql(`query($id: ID!) { catalog(id: $id) { code } }`, { id: catalogId })).catalog.code).toBe("SANJI-WUGANG");
    expect(ok(await gql(`query($id: ID!) { catalog(id: $id) { code } node(id: $id) { id } }`, { id: outsideLocalCatalog }))).toEqual({ catalog: null, node: null });

    // Lists count only what lies in the scope, also when asked under an ancestor.
    const behind = `query($under: ID!) { behindSchedule(under: $under, period: "${PERIOD}", first: 100) { totalCount nodes { responsibility { organization { id } } } } }`;
    const underBranch = ok(await server.gql(behind, { under: orgId(unit.branches[0]) })).behindSchedule;
    const underAll = ok(await server.gql(behind, { under: orgId(unit.organCommittee) })).behindSchedule;
    expect(underAll.totalCount).toBeGreaterThan(underBranch.totalCount);
    for (const under of [unit.branches[0], unit.organCommittee, unit.province]) {
      const mine = ok(await gql(behind, { under: orgId(under) })).behindSchedule;
      expect(mine.totalCount).toBe(underBranch.totalCount);
      expect(mine.nodes).toHaveLength(underBranch.totalCount);
      expect(new Set(mine.nodes.map((n: any) => n.responsibility.organization.id))).toEqual(new Set([orgId(unit.branches[0])]));
    }
    expect(outcome(await gql(behind, { under: orgId(unit.branches[1]) }))).toBe("NOT_FOUND");

    // A breakdown of a duty inside the scope covers its subtree; of one above it is unknown.
    const breakdown = `query($id: ID!) { responsibility(id: $id) { breakdown { levels { organizationCount } gaps { totalCount } } } }`;
    expect(ok(await gql(breakdown, { id: inside["BR-02"] })).responsibility.breakdown.levels).toEqual([{ organizationCount: 1 }]);
  });

  test("an unscoped administrator sees the whole chain, every derived duty and every row", async () => {
    const chain = ok(await server.gql(`query($id: ID!) { responsibility(id: $id) { derivationChain { item { code } } } }`, { id: insideSecretaryDuty })).responsibility.derivationChain;
    expect(chain.map((link: any) => link.item.code)).toEqual(["BRS-02", "BR-02", "OC-05", "PG-05"]);
    const derived = ok(await server.gql(`query($id: ID!) { responsibility(id: $id) { derivedResponsibilities { organization { id } } } }`, { id: above["OC-05"] }));
    expect(derived.responsibility.derivedResponsibilities.map((r: any) => r.organization.id)).toEqual(expect.arrayContaining([orgId(unit.branches[0]), orgId(unit.branches[1])]));
  });

  test("a scope spanning the branches sees them all, and its own chain up to the scope root", async () => {
    const viewer = await userHeaders("VIEWER", unit.organCommittee);
    const chain = ok(await server.gql(`query($id: ID!) { responsibility(id: $id) { derivationChain { item { code } } } }`, { id: insideSecretaryDuty }, viewer));
    expect(chain.responsibility.derivationChain.map((link: any) => link.item.code)).toEqual(["BRS-02", "BR-02", "OC-05"]);
    const derivedQuery = `query($id: ID!) { responsibility(id: $id) { derivedResponsibilities { id } } }`;
    const derived = ok(await server.gql(derivedQuery, { id: above["OC-05"] }, viewer)).responsibility.derivedResponsibilities;
    expect(derived.map((r: any) => r.id)).toEqual(expect.arrayContaining([inside["BR-02"], inside["BR-04"], outside["BR-02"], outside["BR-04"]]));
    expect(derived).toEqual(ok(await server.gql(derivedQuery, { id: above["OC-05"] })).responsibility.derivedResponsibilities);
    const gaps = ok(await server.gql(`query($id: ID!) { responsibility(id: $id) { breakdown { levels { depth kind organizationCount reachedCount } } } }`, { id: above["OC-05"] }, viewer));
    expect(gaps.responsibility.breakdown.levels.find((level: any) => level.kind === "BRANCH")).toMatchObject({ organizationCount: 2, reachedCount: 2 });
  });
});

/** What each role gets, scoped to branch 0: OK, or the error code. */
type Expected = Record<Role, string>;
const WRITERS_OF = (action: "organization" | "assessment", inScope: string): Expected => ({
  ADMIN: inScope,
  ORG_ADMIN: action === "organization" ? inScope : "FORBIDDEN",
  ASSESSOR: action === "assessment" ? inScope : "FORBIDDEN",
  INSPECTOR: "FORBIDDEN",
  VIEWER: "FORBIDDEN",
});

describe("writes: the role decides (FORBIDDEN), then the scope (out of sight NOT_FOUND, above FORBIDDEN)", () => {
  test.each(ROLES)("%s scoped to a branch: people and posts", async (role) => {
    const as = users[role];
    const person = await server.gql(`mutation { createPerson(name: "新人 ${role}") { id name } }`, {}, as);
    expect(outcome(person)).toBe(WRITERS_OF("organization", "OK")[role]);

    const fresh = await createPerson(server, `候选人 ${role}`);
    const appointTo = (organization: { id: number }, personId: string, start: string, postKind = "BRANCH_SECRETARY", endDate: string | null = null) =>
      server.gql(
        `mutation($input: AppointInput!) { appoint(input: $input) { id } }`,
        { input: { personId, organizationId: orgId(organization as never), postKind, startDate: start, endDate } },
        as,
      );
    const year = 2100 + ROLES.indexOf(role);
    const appointed = await appointTo(unit.branches[0], fresh, `${year}-01-01`);
    expect(outcome(appointed)).toBe(WRITERS_OF("organization", "OK")[role]);
    expect(outcome(await appointTo(unit.branches[1], fresh, `${year}-01-01`))).toBe(WRITERS_OF("organization", "NOT_FOUND")[role]);
    expect(outcome(await appointTo(unit.organCommittee, fresh, `${year}-01-01`, "ORGAN_COMMITTEE_SECRETARY"))).toBe("FORBIDDEN");
    // A person known only outside the scope cannot be pulled in.
    expect(outcome(await appointTo(unit.branches[0], people.outside, `${year}-06-01`))).toBe(WRITERS_OF("organization", "NOT_FOUND")[role]);

    const end = (id: string, day: string) => server.gql(`mutation($id: ID!, $day: Date!) { endAppointment(id: $id, endDate: $day) { endDate } }`, { id, day }, as);
    expect(outcome(await end(outsideSecretary, "2030-12-31"))).toBe(WRITERS_OF("organization", "NOT_FOUND")[role]);
    if (appointed.data) {
      expect(outcome(await end(appointed.data.appoint.id, `${year}-06-30`))).toBe("OK");
      // Created by a scoped user, a person becomes visible to it once appointed in its scope.
      const created = person.data!.createPerson.id;
      expect(ok(await server.gql(`query($id: ID!) { person(id: $id) { id } }`, { id: created }, as)).person).toBeNull();
      ok(await appointTo(unit.branches[0], created, `${year}-07-01`, "BRANCH_SECRETARY", `${year}-12-31`));
      expect(ok(await server.gql(`query($id: ID!) { person(id: $id) { name } }`, { id: created }, as)).person.name).toBe(`新人 ${role}`);
    } else {
      expect(outcome(await end(insideSecretary, "2030-12-31"))).toBe("FORBIDDEN");
    }
  });

  test.each(ROLES)("%s scoped to a branch: assigning, local additions, derivation", async (role) => {
    const as = users[role];
    const assignUnder = (under: { id: number }) =>
      server.gql(`mutation($c: ID!, $u: ID!) { assignCatalog(catalogId: $c, under: $u) { created } }`, { c: catalogId, u: orgId(under as never) }, as);
    expect(outcome(await assignUnder(unit.branches[0]))).toBe(WRITERS_OF("organization", "OK")[role]);
    expect(outcome(await assignUnder(unit.branches[1]))).toBe(WRITERS_OF("organization", "NOT_FOUND")[role]);
    expect(outcome(await assignUnder(unit.organCommittee))).toBe("FORBIDDEN");

    const add = (organization: { id: number }, extra: Record<string, unknown> = {}) =>
      server.gql(`mutation($input: LocalResponsibilityInput!) { addLocalResponsibility(input: $input) { id } }`, { input: { ...localInput(organization, `L-${role}-${++counter}`), ...extra } }, as);
    expect(outcome(await add(unit.branches[0]))).toBe(WRITERS_OF("organization", "OK")[role]);
    expect(outcome(await add(unit.branches[1]))).toBe(WRITERS_OF("organization", "NOT_FOUND")[role]);
    expect(outcome(await add(unit.organCommittee))).toBe("FORBIDDEN");
    // Breaking down a duty above the scope: the source is not visible.
    expect(outcome(await add(unit.branches[0], { derivedFromId: above["OC-05"] }))).toBe(WRITERS_OF("organization", "NOT_FOUND")[role]);

    const derive = (id: string, fromId: string | null) => server.gql(`mutation($id: ID!, $from: ID) { deriveResponsibility(id: $id, fromId: $from) { id } }`, { id, from: fromId }, as);
    expect(outcome(await derive(insideSecretaryDuty, inside["BR-02"]))).toBe(WRITERS_OF("organization", "OK")[role]);
    expect(outcome(await derive(inside["BR-02"], above["OC-05"]))).toBe(WRITERS_OF("organization", "NOT_FOUND")[role]);
    expect(outcome(await derive(outside["BR-02"], null))).toBe(WRITERS_OF("organization", "NOT_FOUND")[role]);
  });

  test.each(ROLES)("%s scoped to a branch: catalogs are authored by an unscoped administrator only", async (role) => {
    const as = users[role];
    expect(outcome(await server.gql(`mutation { createCatalog(input: { code: "X-${role}", title: "清单" }) { id } }`, {}, as))).toBe("FORBIDDEN");
    expect(outcome(await server.gql(`mutation { createCatalogVersion(code: "SANJI-WUGANG") { id } }`, {}, as))).toBe("FORBIDDEN");
    expect(outcome(await server.gql(`mutation { installBuiltInCatalog { id } }`, {}, as))).toBe("FORBIDDEN");
    expect(outcome(await server.gql(`mutation($id: ID!) { publishCatalog(id: $id) { id } }`, { id: catalogId }, as))).toBe("FORBIDDEN");
  });

  test.each(ROLES)("%s scoped to a branch: records and completion marks", async (role) => {
    const as = users[role];
    const recordOn = (id: string) =>
      server.gql(
      `mutation($input: RecordFulfillmentInput!) { recordFulfillment(input: $input) { id } }`,
      { input: { responsibilityId: id, date: "2025-02-15", evidenceKind: "OTHER", summary: `纪实 ${role}` } },
      as,
    );
    expect(outcome(await recordOn(inside["BR-05"]))).toBe(WRITERS_OF("assessment", "OK")[role]);
    expect(outcome(await recordOn(outside["BR-05"]))).toBe(WRITERS_OF("assessment", "NOT_FOUND")[role]);
    expect(outcome(await recordOn(above["OC-05"]))).toBe(WRITERS_OF("assessment", "NOT_FOUND")[role]);

    const mark = (id: string) =>
      server.gql(`mutation($id: ID!) { markCompletion(input: { responsibilityId: $id, period: "${PERIOD}", completion: 0.5 }) { completion } }`, { id }, as);
    expect(outcome(await mark(inside["BR-01"]))).toBe(WRITERS_OF("assessment", "OK")[role]);
    expect(outcome(await mark(outside["BR-01"]))).toBe(WRITERS_OF("assessment", "NOT_FOUND")[role]);
    const clear = (id: string) => server.gql(`mutation($id: ID!) { clearCompletionMark(responsibilityId: $id, period: "${PERIOD}") { completion } }`, { id }, as);
    expect(outcome(await clear(inside["BR-01"]))).toBe(WRITERS_OF("assessment", "OK")[role]);
    expect(outcome(await clear(above["OC-01"]))).toBe(WRITERS_OF("assessment", "NOT_FOUND")[role]);
  });

  test("a scoped ADMIN may do everything in its scope, except authoring the forest-wide catalogs, which an unscoped one may", async () => {
    const code = "AUTHZ-CATALOG";
    expect(outcome(await server.gql(`mutation { createCatalog(input: { code: "${code}", title: "清单" }) { id } }`, {}, users.ADMIN))).toBe("FORBIDDEN");
    expect(outcome(await server.gql(`mutation { createCatalog(input: { code: "${code}", title: "清单" }) { id } }`))).toBe("OK");
  });
});

test("a scoped listing of branches with duties, records and leadership still costs the same statements for 2 and for 8 branches", async () => {
  const LISTING = `query($id: ID!) { node(id: $id) { ... on Organization {
    children(first: 50) { nodes {
      code
      leadership { postKind person { name appointments { id } } responsibilities(period: "${PERIOD}") { completion responsibility { item { code } } } }
      responsibilities(period: "${PERIOD}") {
        completion recordCount
        responsibility { id local item { code } parent { id } derivedFrom { item { code } } }
        records(first: 5) { totalCount nodes { date } }
      }
    } }
  } } }`;
  const few = await server.gql(LISTING, { id: orgId(unit.organCommittee) }, await userHeaders("VIEWER", unit.organCommittee));
  const many = await server.gql(LISTING, { id: orgId(large.organCommittee) }, await userHeaders("VIEWER", large.organCommittee));
  expect(few.errors).toBeUndefined();
  expect(many.errors).toBeUndefined();
  const branches = many.data.node.children.nodes;
  expect(branches).toHaveLength(8);
  for (const branch of branches) {
    const byCode = Object.fromEntries(branch.responsibilities.map((s: any) => [s.responsibility.item.code, s]));
    expect(byCode["BR-02-2"]).toMatchObject({ recordCount: 2, records: { totalCount: 2 } });
    // BR-02 derives from the organ committee (the scope root), BR-06 from the party group above it.
    expect(byCode["BR-02"].responsibility.derivedFrom).toEqual({ item: { code: "OC-05" } });
    expect(byCode["BR-06"].responsibility.derivedFrom).toBeNull();
    expect(branch.leadership[0].responsibilities).toHaveLength(6);
  }
  expectStatementsIndependentOfSize(few, many, large.branches.length - unit.branches.length, 25);
});

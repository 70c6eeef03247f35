import { OrgKind, type OrganizationEntity } from "../src/entities";
import { toGlobalId } from "../src/schema/global-id";
import { OrganizationTreeService } from "../src/services/organization-tree.service";
import { buildDepartment, buildOrganization, uniqueCode } from "./helpers/factories";
import { startTestServer, type GraphQLResponse, type TestServer } from "./helpers/test-server";

/** Writes to the organisation tree through the HTTP endpoint; every outcome is read back over HTTP. */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(() => server.close());

const gid = (organization: OrganizationEntity): string => toGlobalId("Organization", organization.id);
const MISSING = toGlobalId("Organization", 987654321);

async function ok(query: string, variables?: Record<string, unknown>): Promise<any> {
  const response = await server.gql(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data;
}

/** Exactly one error, of `code`, and no data for the mutation. */
async function refused(code: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await server.gql(query, variables);
  expect(response.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  expect(response.data ?? null).toBeNull();
  return response;
}

const ORG = "id code name kind level regionCode depth memberCount status dissolvedAt parent { code } ancestors { code }";

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateOrganizationInput!) { createOrganization(input: $input) { ${ORG} } }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { ${ORG} } }
`;
const MOVE = /* GraphQL */ `
  mutation Move($id: ID!, $newParentId: ID!) { moveOrganization(id: $id, newParentId: $newParentId) { ${ORG} } }
`;
const DISSOLVE = /* GraphQL */ `
  mutation Dissolve($id: ID!, $cascade: Boolean) { dissolveOrganization(id: $id, cascade: $cascade) { ${ORG} } }
`;
const READ = /* GraphQL */ `
  query Read($code: String!) { organization(code: $code) { ${ORG} children(first: 100) { nodes { code } } } }
`;

async function read(code: string): Promise<any> {
  return (await ok(READ, { code })).organization;
}

/** depth and ancestor codes of each code, for before/after comparisons. */
async function placement(codes: string[]): Promise<Record<string, { depth: number; ancestors: string[] }>> {
  const result: Record<string, { depth: number; ancestors: string[] }> = {};
  for (const code of codes) {
    const organization = await read(code);
    result[code] = { depth: organization.depth, ancestors: organization.ancestors.map((a: { code: string }) => a.code) };
  }
  return result;
}

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

async function rowCount(): Promise<number> {
  return Number((await server.dataSource.query("SELECT COUNT(*) AS n FROM organization"))[0].n);
}

describe("createOrganization", () => {
  let province: OrganizationEntity;

  beforeAll(async () => {
    province = await buildOrganization(server.context(), { kind: OrgKind.LOCAL_COMMITTEE, code: uniqueCode("CP") });
  });

  const input = (overrides: Record<string, unknown> = {}) => ({
    code: uniqueCode("C"),
    name: "某市委",
    kind: "LOCAL_COMMITTEE",
    regionCode: "520100",
    memberCount: 12,
    parentId: gid(province),
    ...overrides,
  });

  test("creates a root with the given level", async () => {
    const code = uniqueCode("ROOT");
    const created = (await ok(CREATE, { input: input({ code, parentId: null, level: "NATIONAL", name: "中央" }) })).createOrganization;
    expect(created).toMatchObject({ code, name: "中央", kind: "LOCAL_COMMITTEE", level: "NATIONAL", depth: 0, parent: null, status: "ACTIVE", dissolvedAt: null });
    expect(await read(code)).toMatchObject({ id: created.id, level: "NATIONAL", memberCount: 12 });
  });

  test("derives the level from the parent: one below for a local committee, the parent's for other kinds", async () => {
    const city = (await ok(CREATE, { input: input() })).createOrganization;
    expect(city).toMatchObject({ level: "CITY", depth: 1, parent: { code: province.code }, ancestors: [{ code: province.code }] });
    const working = (await ok(CREATE, { input: input({ kind: "WORKING_COMMITTEE", parentId: city.id }) })).createOrganization;
    expect(working).toMatchObject({ level: "CITY", depth: 2, ancestors: [{ code: province.code }, { code: city.code }] });
    expect((await read(province.code)).children.nodes).toContainEqual({ code: city.code });
  });

  test("trims the code and name, and defaults the member count to 0", async () => {
    const code = uniqueCode("TRIM");
    const created = (await ok(CREATE, { input: input({ code: `  ${code} `, name: " 某市委 ", memberCount: null }) })).createOrganization;
    expect(created).toMatchObject({ code, name: "某市委", memberCount: 0 });
  });

  test("a kind under a parent kind the rule table does not allow is BAD_USER_INPUT", async () => {
    const before = await rowCount();
    await refused("BAD_USER_INPUT", CREATE, { input: input({ kind: "BRANCH" }) });
    await refused("BAD_USER_INPUT", CREATE, { input: input({ kind: "PARTY_GROUP", parentId: null, level: "PROVINCE" }) });
    expect(await rowCount()).toBe(before);
  });

  test("a level that contradicts the parent is BAD_USER_INPUT", async () => {
    await refused("BAD_USER_INPUT", CREATE, { input: input({ level: "COUNTY" }) });
    await refused("BAD_USER_INPUT", CREATE, { input: input({ kind: "WORKING_COMMITTEE", level: "CITY" }) });
    await refused("BAD_USER_INPUT", CREATE, { input: input({ parentId: null, level: null }) });
  });

  test("a code already used is CONFLICT; codes are case-sensitive", async () => {
    const base = uniqueCode("x");
    await ok(CREATE, { input: input({ code: base }) });
    await ok(CREATE, { input: input({ code: base.toUpperCase() }) });
    const response = await refused("CONFLICT", CREATE, { input: input({ code: base }) });
    expect(response.errors![0].message).toContain(base);
    const lower = await read(base);
    const upper = await read(base.toUpperCase());
    expect(lower.code).toBe(base);
    expect(upper.code).toBe(base.toUpperCase());
    expect(lower.id).not.toBe(upper.id);
  });

  // Roots on purpose: a child's create locks its parent row, which would serialize the race away.
  test("concurrent creates of one code: one wins, the others are CONFLICT, never an internal error", async () => {
    const code = uniqueCode("RACE");
    const root = input({ code, parentId: null, level: "PROVINCE" });
    const responses = await Promise.all(Array.from({ length: 6 }, () => server.gql(CREATE, { input: root })));
    const outcomes = responses.map((r) => r.errors?.[0]?.extensions?.code ?? "OK").sort();
    expect(outcomes).toEqual(["CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT", "OK"]);
  });

  test.each([
    ["a region code that is not six digits", { regionCode: "52010" }, "regionCode"],
    ["a region code with letters", { regionCode: "52A100" }, "regionCode"],
    ["an empty name", { name: "   " }, "name"],
    ["a negative member count", { memberCount: -1 }, "memberCount"],
    ["a 65-character code", { code: "C".repeat(65) }, "code"],
    ["an empty code", { code: "" }, "code"],
    ["a control character in the code", { code: "A\u0007B" }, "code"],
    ["a newline in the code", { code: "A\nB" }, "code"],
  ])("%s is BAD_USER_INPUT naming the field", async (_label, overrides, column) => {
    const before = await rowCount();
    const response = await refused("BAD_USER_INPUT", CREATE, { input: input(overrides) });
    expect((response.errors![0].extensions!.problems as { column: string }[]).map((p) => p.column)).toEqual([column]);
    expect(await rowCount()).toBe(before);
  });

  test("a 64-character code is accepted", async () => {
    const code = uniqueCode("L").padEnd(64, "x");
    expect((await ok(CREATE, { input: input({ code }) })).createOrganization.code).toBe(code);
  });

  test("an unknown parent is NOT_FOUND, a malformed parent id BAD_USER_INPUT", async () => {
    await refused("NOT_FOUND", CREATE, { input: input({ parentId: MISSING }) });
    await refused("BAD_USER_INPUT", CREATE, { input: input({ parentId: "nonsense" }) });
  });

  test("a dissolved parent is CONFLICT", async () => {
    const parent = await buildOrganization(server.context(), { kind: OrgKind.LOCAL_COMMITTEE, parent: province });
    await new OrganizationTreeService().dissolve(server.context(), parent.id, false);
    await refused("CONFLICT", CREATE, { input: input({ kind: "WORKING_COMMITTEE", parentId: gid(parent) }) });
  });
});

describe("updateOrganization", () => {
  test("changes name, region code and member count; omitted fields stay", async () => {
    const { branches } = await buildDepartment(server.context(), 1);
    const branch = branches[0];
    const changed = (await ok(UPDATE, { id: gid(branch), input: { name: " 新名称 ", memberCount: 33 } })).updateOrganization;
    expect(changed).toMatchObject({ code: branch.code, name: "新名称", memberCount: 33, regionCode: "520000", kind: "BRANCH", depth: 4 });
    await ok(UPDATE, { id: gid(branch), input: { regionCode: "520102" } });
    expect(await read(branch.code)).toMatchObject({ name: "新名称", memberCount: 33, regionCode: "520102" });
  });

  test.each([
    ["a bad region code", { regionCode: "5201" }],
    ["an empty name", { name: "" }],
    ["a negative member count", { memberCount: -5 }],
  ])("%s is BAD_USER_INPUT and changes nothing", async (_label, changes) => {
    const branch = (await buildDepartment(server.context(), 1)).branches[0];
    await refused("BAD_USER_INPUT", UPDATE, { id: gid(branch), input: { name: "不应保存", ...changes } });
    expect(await read(branch.code)).toMatchObject({ name: branch.name, regionCode: branch.regionCode, memberCount: branch.memberCount });
  });

  test("an unknown organisation is NOT_FOUND", async () => {
    await refused("NOT_FOUND", UPDATE, { id: MISSING, input: { name: "x" } });
  });
});

describe("moveOrganization", () => {
  test("moves the whole subtree: depth and ancestors of every descendant follow", async () => {
    const ctx = server.context();
    const from = await buildDepartment(ctx, 2);
    const to = await buildDepartment(ctx, 0);
    const subtree = [from.organCommittee.code, ...from.branches.map((b) => b.code)];

    // An organ committee may sit under a working committee directly: one level shallower.
    const moved = (await ok(MOVE, { id: gid(from.organCommittee), newParentId: gid(to.workingCommittee) })).moveOrganization;
    expect(moved).toMatchObject({ code: from.organCommittee.code, depth: 2, parent: { code: to.workingCommittee.code } });

    const after = await placement(subtree);
    expect(after[from.organCommittee.code]).toEqual({ depth: 2, ancestors: [to.province.code, to.workingCommittee.code] });
    for (const branch of from.branches) {
      expect(after[branch.code]).toEqual({ depth: 3, ancestors: [to.province.code, to.workingCommittee.code, from.organCommittee.code] });
    }
    expect((await read(from.partyGroup.code)).children.nodes).toEqual([]);
    const newSiblings = [to.partyGroup.code, from.organCommittee.code].sort(byBytes).map((code) => ({ code }));
    expect((await read(to.workingCommittee.code)).children.nodes).toEqual(newSiblings);
    const descendants = await ok(`query($id: ID!) { node(id: $id) { ... on Organization { descendants { totalCount } } } }`, { id: gid(to.province) });
    // Its own working committee, party group and organ committee, and the moved three.
    expect(descendants.node.descendants.totalCount).toBe(3 + 3);
  });

  test("a local committee moves with its region's tree to another local committee of the same level", async () => {
    const ctx = server.context();
    const provinceA = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE });
    const provinceB = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE });
    const city = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE, parent: provinceA });
    const county = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE, parent: city });
    await ok(MOVE, { id: gid(city), newParentId: gid(provinceB) });
    expect(await placement([city.code, county.code])).toEqual({
      [city.code]: { depth: 1, ancestors: [provinceB.code] },
      [county.code]: { depth: 2, ancestors: [provinceB.code, city.code] },
    });
  });

  test("under itself or under its own descendant is BAD_USER_INPUT and nothing changes", async () => {
    const department = await buildDepartment(server.context(), 2);
    const subtree = [department.workingCommittee.code, department.partyGroup.code, department.organCommittee.code, ...department.branches.map((b) => b.code)];
    const before = await placement(subtree);

    const self = await refused("BAD_USER_INPUT", MOVE, { id: gid(department.partyGroup), newParentId: gid(department.partyGroup) });
    expect(self.errors![0].message).toMatch(/own parent/);
    const below = await refused("BAD_USER_INPUT", MOVE, { id: gid(department.workingCommittee), newParentId: gid(department.organCommittee) });
    expect(below.errors![0].message).toMatch(/descendant/);
    expect(await placement(subtree)).toEqual(before);
  });

  test("a parent of a kind the rule table does not allow is BAD_USER_INPUT", async () => {
    const department = await buildDepartment(server.context(), 1);
    const other = await buildDepartment(server.context(), 0);
    const before = await placement([department.branches[0].code]);
    await refused("BAD_USER_INPUT", MOVE, { id: gid(department.branches[0]), newParentId: gid(other.partyGroup) });
    await refused("BAD_USER_INPUT", MOVE, { id: gid(department.partyGroup), newParentId: gid(other.province) });
    expect(await placement([department.branches[0].code])).toEqual(before);
  });

  test("a move that would change the level is refused", async () => {
    const ctx = server.context();
    const department = await buildDepartment(ctx, 0);
    const city = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE, parent: department.province });
    const cityWorking = await buildOrganization(ctx, { kind: OrgKind.WORKING_COMMITTEE, parent: city });
    // A provincial party group under a city working committee would have to become CITY.
    await refused("BAD_USER_INPUT", MOVE, { id: gid(department.partyGroup), newParentId: gid(cityWorking) });
    expect(await read(department.partyGroup.code)).toMatchObject({ level: "PROVINCE", parent: { code: department.workingCommittee.code } });
  });

  test("to a dissolved parent is CONFLICT", async () => {
    const ctx = server.context();
    const department = await buildDepartment(ctx, 1);
    const other = await buildDepartment(ctx, 0);
    await new OrganizationTreeService().dissolve(ctx, other.organCommittee.id, false);
    await refused("CONFLICT", MOVE, { id: gid(department.branches[0]), newParentId: gid(other.organCommittee) });
    expect((await read(department.branches[0].code)).parent).toEqual({ code: department.organCommittee.code });
  });

  test("a dissolved organisation stays where its history is: CONFLICT", async () => {
    const ctx = server.context();
    const department = await buildDepartment(ctx, 1);
    const other = await buildDepartment(ctx, 0);
    await new OrganizationTreeService().dissolve(ctx, department.branches[0].id, false);
    await refused("CONFLICT", MOVE, { id: gid(department.branches[0]), newParentId: gid(other.organCommittee) });
    expect((await read(department.branches[0].code)).parent).toEqual({ code: department.organCommittee.code });
  });

  test("an unknown organisation or parent is NOT_FOUND", async () => {
    const department = await buildDepartment(server.context(), 1);
    await refused("NOT_FOUND", MOVE, { id: MISSING, newParentId: gid(department.organCommittee) });
    await refused("NOT_FOUND", MOVE, { id: gid(department.branches[0]), newParentId: MISSING });
  });
});

describe("dissolveOrganization", () => {
  test("with active children and no cascade is CONFLICT, and nothing is dissolved", async () => {
    const department = await buildDepartment(server.context(), 2);
    await refused("CONFLICT", DISSOLVE, { id: gid(department.organCommittee) });
    expect((await read(department.organCommittee.code)).status).toBe("ACTIVE");
    expect((await read(department.branches[0].code)).status).toBe("ACTIVE");
  });

  test("a leaf is dissolved and keeps its history", async () => {
    const department = await buildDepartment(server.context(), 2);
    const [gone, kept] = department.branches;
    const dissolved = (await ok(DISSOLVE, { id: gid(gone) })).dissolveOrganization;
    expect(dissolved).toMatchObject({ code: gone.code, status: "DISSOLVED" });
    expect(Math.abs(Date.parse(dissolved.dissolvedAt) - Date.now())).toBeLessThan(60_000);

    expect(await read(gone.code)).toMatchObject({
      status: "DISSOLVED",
      name: gone.name,
      parent: { code: department.organCommittee.code },
      depth: 4,
    });
    expect((await read(department.organCommittee.code)).children.nodes).toEqual([{ code: kept.code }]);
  });

  test("cascade dissolves the whole subtree and nothing outside it", async () => {
    const ctx = server.context();
    const department = await buildDepartment(ctx, 2);
    const sibling = await buildOrganization(ctx, { kind: OrgKind.PARTY_GROUP, parent: department.workingCommittee });
    await ok(DISSOLVE, { id: gid(department.partyGroup), cascade: true });

    for (const code of [department.partyGroup.code, department.organCommittee.code, ...department.branches.map((b) => b.code)]) {
      expect((await read(code)).status).toBe("DISSOLVED");
    }
    expect((await read(sibling.code)).status).toBe("ACTIVE");
    expect((await read(department.workingCommittee.code)).children.nodes).toEqual([{ code: sibling.code }]);
    const listed = await ok(`query($under: ID!) { organizations(filter: { under: $under, status: DISSOLVED }) { totalCount } }`, {
      under: gid(department.province),
    });
    expect(listed.organizations.totalCount).toBe(4);
  });

  test("an organisation whose children are all dissolved needs no cascade", async () => {
    const department = await buildDepartment(server.context(), 1);
    await ok(DISSOLVE, { id: gid(department.branches[0]) });
    expect((await ok(DISSOLVE, { id: gid(department.organCommittee) })).dissolveOrganization.status).toBe("DISSOLVED");
  });

  test("dissolving twice is CONFLICT", async () => {
    const branch = (await buildDepartment(server.context(), 1)).branches[0];
    const first = (await ok(DISSOLVE, { id: gid(branch) })).dissolveOrganization;
    await refused("CONFLICT", DISSOLVE, { id: gid(branch) });
    expect((await read(branch.code)).dissolvedAt).toBe(first.dissolvedAt);
  });

  test("an unknown organisation is NOT_FOUND", async () => {
    await refused("NOT_FOUND", DISSOLVE, { id: MISSING });
  });
});

import { OrgKind } from "../../src/entities";
import { toGlobalId } from "../../src/schema/global-id";
import { buildOrganization } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { appoint, assign, buildUnit, createPerson, errorCode, installBuiltIn, ok, orgId } from "./helpers";

/** 定责 and 分解 through the HTTP endpoint: assignment, local additions, derivation chains. */
let server: TestServer;
let unit: Awaited<ReturnType<typeof buildUnit>>;
let catalogId: string;
let branchSecretary: string;

beforeAll(async () => {
  server = await startTestServer();
  unit = await buildUnit(server, 2);
  catalogId = await installBuiltIn(server);
  await ensurePeriod("2025");
  await appoint(server, await createPerson(server, "党组书记"), unit.partyGroup, "PARTY_GROUP_SECRETARY", "2024-01-01");
  await appoint(server, await createPerson(server, "党组成员"), unit.partyGroup, "PARTY_GROUP_MEMBER", "2024-01-01");
  await appoint(server, await createPerson(server, "机关党委书记"), unit.organCommittee, "ORGAN_COMMITTEE_SECRETARY", "2024-01-01");
  await appoint(server, await createPerson(server, "机关纪委书记"), unit.disciplineCommittee, "DISCIPLINE_SECRETARY", "2024-01-01");
  branchSecretary = await appoint(server, await createPerson(server, "支部书记"), unit.branches[0], "BRANCH_SECRETARY", "2024-01-01");
  // A former secretary of the second branch: not current, so no duties.
  await appoint(server, await createPerson(server, "前任支部书记"), unit.branches[1], "BRANCH_SECRETARY", "2019-01-01", "2020-12-31");
});
afterAll(() => server.close());

const HOLDER_DUTIES = `query($id: ID!) { node(id: $id) { ... on Organization {
  leadership { postKind responsibilities(period: "2025") { responsibility { item { code } } } }
  responsibilities(period: "2025") { responsibility { id item { code } parent { item { code } } derivedFrom { item { code } organization { code } } } scored }
} } }`;

async function ensurePeriod(code: string) {
  const response = await server.gql(`mutation($code: String!) { createAssessmentPeriod(code: $code) { code } }`, { code });
  if (response.errors && response.errors[0].extensions?.code !== "CONFLICT") ok(response);
}

async function duties(organization: { id: number }) {
  await ensurePeriod("2025");
  return ok(await server.gql(HOLDER_DUTIES, { id: toGlobalId("Organization", organization.id) })).node;
}

test("assignCatalog gives every organisation and current post holder its items, once", async () => {
  const first = await assign(server, catalogId, unit.province);
  // Organisations: PG 11, OC 10, DC 5, two branches 6 大项 + 4 小项 each; posts: 7 + 4 + 5 + 5 + 6.
  expect(first).toEqual({ organizations: 7, appointments: 5, created: 46 + 27, existing: 0, linked: 0 });
  const again = await assign(server, catalogId, unit.province);
  expect(again).toEqual({ organizations: 7, appointments: 5, created: 0, existing: 73, linked: 0 });
  // A subtree assignment on its own is the same set, so nothing new either.
  expect(await assign(server, catalogId, unit.organCommittee)).toMatchObject({ organizations: 3, created: 0, existing: 10 + 20 + 5 + 6 });

  const branch = await duties(unit.branches[0]);
  expect(branch.responsibilities.map((s: any) => s.responsibility.item.code)).toEqual([
    "BR-01", "BR-02", "BR-02-1", "BR-02-2", "BR-02-3", "BR-02-4", "BR-03", "BR-04", "BR-05", "BR-06",
  ]);
  const byCode = Object.fromEntries(branch.responsibilities.map((s: any) => [s.responsibility.item.code, s]));
  expect(byCode["BR-02"].scored).toBe(false);
  expect(byCode["BR-02-3"]).toMatchObject({ scored: true, responsibility: { parent: { item: { code: "BR-02" } } } });
  expect(byCode["BR-02"].responsibility.derivedFrom).toEqual({ item: { code: "OC-05" }, organization: { code: unit.organCommittee.code } });
  expect(byCode["BR-06"].responsibility.derivedFrom).toEqual({ item: { code: "PG-08" }, organization: { code: unit.partyGroup.code } });
  expect(branch.leadership).toHaveLength(1);
  expect(branch.leadership[0].responsibilities.map((s: any) => s.responsibility.item.code)).toEqual(["BRS-01", "BRS-02", "BRS-03", "BRS-04", "BRS-05", "BRS-06"]);
  const other = await duties(unit.branches[1]);
  expect(other.leadership).toEqual([]);
  const discipline = await duties(unit.disciplineCommittee);
  expect(discipline.responsibilities.find((s: any) => s.responsibility.item.code === "DC-01").responsibility.derivedFrom.item.code).toBe("PG-09");
});

test("a post holder appointed after the assignment receives the post's items", async () => {
  const person = await createPerson(server, "新任支部书记");
  const appointment = await appoint(server, person, unit.branches[1], "BRANCH_SECRETARY", "2025-01-01");
  const posts = ok(
    await server.gql(`query($id: ID!) { appointment(id: $id) { responsibilities(period: "2025") { responsibility { item { code } derivedFrom { item { code } organization { code } } } } } }`, { id: appointment }),
  ).appointment.responsibilities;
  expect(posts).toHaveLength(6);
  expect(posts[1].responsibility).toEqual({ item: { code: "BRS-02" }, derivedFrom: { item: { code: "BR-02" }, organization: { code: unit.branches[1].code } } });
});

test("a draft or unknown catalog, or an unknown subtree, is refused", async () => {
  const draft = ok(await server.gql(`mutation { createCatalog(input: { code: "DRAFT-ONLY", title: "草稿" }) { id } }`)).createCatalog.id;
  const response = await server.gql(`mutation($c: ID!, $u: ID!) { assignCatalog(catalogId: $c, under: $u) { created } }`, { c: draft, u: orgId(unit.province) });
  expect(errorCode(response)).toBe("CONFLICT");
  const unknown = await server.gql(`mutation($c: ID!, $u: ID!) { assignCatalog(catalogId: $c, under: $u) { created } }`, { c: toGlobalId("Catalog", 99999), u: orgId(unit.province) });
  expect(errorCode(unknown)).toBe("NOT_FOUND");
  const nowhere = await server.gql(`mutation($c: ID!, $u: ID!) { assignCatalog(catalogId: $c, under: $u) { created } }`, { c: catalogId, u: toGlobalId("Organization", 99999) });
  expect(errorCode(nowhere)).toBe("NOT_FOUND");
});

const ADD_LOCAL = `mutation($input: LocalResponsibilityInput!) { addLocalResponsibility(input: $input) {
  id local item { code subjectOrgKind subjectPostKind weight } parent { item { code } } derivedFrom { item { code } } } }`;

test("an organisation adds its own items and breaks an item into sub-items", async () => {
  const branch = await duties(unit.branches[0]);
  const br05 = branch.responsibilities.find((s: any) => s.responsibility.item.code === "BR-05").responsibility.id;
  const split = (code: string, weight: number) => ({
    organizationId: orgId(unit.branches[0]),
    parentId: br05,
    code,
    title: `细化 ${code}`,
    dutyType: "PRIMARY",
    category: "ORGANIZATIONAL",
    weight,
    evidenceKinds: ["TALK"],
  });
  const first = ok(await server.gql(ADD_LOCAL, { input: split("L-1", 7.5) })).addLocalResponsibility;
  expect(first).toMatchObject({ local: true, item: { code: "L-1", subjectOrgKind: "BRANCH", subjectPostKind: null, weight: 7.5 }, parent: { item: { code: "BR-05" } } });
  ok(await server.gql(ADD_LOCAL, { input: split("L-2", 7.5) }));
  const after = await duties(unit.branches[0]);
  const codes = after.responsibilities.map((s: any) => [s.responsibility.item.code, s.scored]);
  expect(codes.slice(8, 11)).toEqual([["BR-05", false], ["L-1", true], ["L-2", true]]);

  // A post holder's own item, derived from the branch's collective duty.
  const br01 = after.responsibilities.find((s: any) => s.responsibility.item.code === "BR-01").responsibility.id;
  const own = ok(
    await server.gql(ADD_LOCAL, {
      input: { organizationId: orgId(unit.branches[0]), appointmentId: branchSecretary, derivedFromId: br01, code: "L-S1", title: "书记项目", dutyType: "FIRST_PERSON", category: "LEADERSHIP", weight: 5 },
    }),
  ).addLocalResponsibility;
  expect(own).toMatchObject({ item: { subjectPostKind: "BRANCH_SECRETARY" }, derivedFrom: { item: { code: "BR-01" } } });

  // Bad input changes nothing: weight, a derivation from a non-ancestor, another holder's parent, a duplicate code.
  const sibling = (await duties(unit.branches[1])).responsibilities[0].responsibility.id;
  const bad = [
    await server.gql(ADD_LOCAL, { input: split("L-3", 0) }),
    await server.gql(ADD_LOCAL, { input: { ...split("L-3", 1), parentId: null, derivedFromId: sibling } }),
    await server.gql(ADD_LOCAL, { input: { ...split("L-3", 1), parentId: sibling } }),
    await server.gql(ADD_LOCAL, { input: { ...split("L-3", 1), parentId: null, derivedFromId: br01 } }),
  ];
  expect(bad.map(errorCode)).toEqual(["BAD_USER_INPUT", "BAD_USER_INPUT", "BAD_USER_INPUT", "BAD_USER_INPUT"]);
  expect(bad[1].errors![0].message).toContain("not an ancestor");
  expect(errorCode(await server.gql(ADD_LOCAL, { input: split("L-1", 1) }))).toBe("CONFLICT");
  expect((await duties(unit.branches[0])).responsibilities).toHaveLength(12);
});

test("deriveResponsibility accepts an ancestor's duty and refuses anything else", async () => {
  const branch = await duties(unit.branches[0]);
  const other = await duties(unit.branches[1]);
  const organ = await duties(unit.organCommittee);
  const pick = (node: any, code: string) => node.responsibilities.find((s: any) => s.responsibility.item.code === code).responsibility.id;
  const DERIVE = `mutation($id: ID!, $from: ID) { deriveResponsibility(id: $id, fromId: $from) { derivedFrom { item { code } } } }`;

  expect(ok(await server.gql(DERIVE, { id: pick(branch, "BR-03"), from: pick(organ, "OC-07") })).deriveResponsibility).toEqual({ derivedFrom: { item: { code: "OC-07" } } });
  const fromSibling = await server.gql(DERIVE, { id: pick(branch, "BR-03"), from: pick(other, "BR-01") });
  expect(errorCode(fromSibling)).toBe("BAD_USER_INPUT");
  const fromBelow = await server.gql(DERIVE, { id: pick(organ, "OC-07"), from: pick(branch, "BR-03") });
  expect(errorCode(fromBelow)).toBe("BAD_USER_INPUT");
  const fromItself = await server.gql(DERIVE, { id: pick(branch, "BR-03"), from: pick(branch, "BR-03") });
  expect(errorCode(fromItself)).toBe("BAD_USER_INPUT");
  // Unchanged by the refusals; then restored to the catalog's link.
  expect((await duties(unit.branches[0])).responsibilities.find((s: any) => s.responsibility.item.code === "BR-03").responsibility.derivedFrom.item.code).toBe("OC-07");
  ok(await server.gql(DERIVE, { id: pick(branch, "BR-03"), from: pick(organ, "OC-03") }));
});

test("up: the chain from a branch secretary's duty to the top duty it serves", async () => {
  const branch = await duties(unit.branches[0]);
  const brs02 = branch.leadership[0].responsibilities[1].responsibility;
  expect(brs02.item.code).toBe("BRS-02");
  const posts = ok(
    await server.gql(`query($id: ID!) { node(id: $id) { ... on Organization { leadership { responsibilities(period: "2025") { responsibility { id } } } } } }`, { id: orgId(unit.branches[0]) }),
  ).node.leadership[0].responsibilities;
  const chain = ok(
    await server.gql(`query($id: ID!) { responsibility(id: $id) { derivationChain { item { code } organization { code } appointment { postKind } } } }`, { id: posts[1].responsibility.id }),
  ).responsibility.derivationChain;
  expect(chain.map((r: any) => [r.item.code, r.organization.code, r.appointment?.postKind ?? null])).toEqual([
    ["BRS-02", unit.branches[0].code, "BRANCH_SECRETARY"],
    ["BR-02", unit.branches[0].code, null],
    ["OC-05", unit.organCommittee.code, null],
    ["PG-05", unit.partyGroup.code, null],
  ]);
});

test("down: how far a top duty reached, per level, and where the chain stops", async () => {
  // A third branch created after the assignment holds nothing yet: the chain stops above it.
  const late = await buildOrganization(server.context(), { kind: OrgKind.BRANCH, parent: unit.organCommittee });
  const top = (await duties(unit.partyGroup)).responsibilities.find((s: any) => s.responsibility.item.code === "PG-05").responsibility.id;
  const BREAKDOWN = `query($id: ID!, $first: Int, $after: String) { responsibility(id: $id) {
    derivedResponsibilities { item { code } }
    breakdown { expectedKinds levels { depth kind expected organizationCount reachedCount gapCount }
      gaps(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { organization { code } lastReached { code } } } } } }`;
  const result = ok(await server.gql(BREAKDOWN, { id: top, first: 1 })).responsibility;
  expect(result.derivedResponsibilities.map((r: any) => r.item.code).sort()).toEqual(["OC-04", "OC-05", "PGM-02", "PGS-05"]);
  expect(result.breakdown.expectedKinds).toEqual(["PARTY_GROUP", "ORGAN_COMMITTEE", "GENERAL_BRANCH", "BRANCH"]);
  const depth = unit.partyGroup.depth;
  expect(result.breakdown.levels).toEqual([
    { depth, kind: "PARTY_GROUP", expected: false, organizationCount: 1, reachedCount: 1, gapCount: 0 },
    { depth: depth + 1, kind: "ORGAN_COMMITTEE", expected: true, organizationCount: 1, reachedCount: 1, gapCount: 0 },
    { depth: depth + 1, kind: "DISCIPLINE_COMMITTEE", expected: false, organizationCount: 1, reachedCount: 0, gapCount: 0 },
    { depth: depth + 2, kind: "BRANCH", expected: true, organizationCount: 3, reachedCount: 2, gapCount: 1 },
  ]);
  expect(result.breakdown.gaps).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false }, nodes: [{ organization: { code: late.code }, lastReached: { code: unit.organCommittee.code } }] });

  // Re-assigning closes the gap (the new branch gets its items, linked to the organ committee's).
  expect(await assign(server, catalogId, unit.province)).toMatchObject({ created: 10 });
  const closed = ok(await server.gql(BREAKDOWN, { id: top })).responsibility.breakdown;
  expect(closed.gaps.totalCount).toBe(0);
  expect(closed.levels.find((l: any) => l.kind === "BRANCH")).toMatchObject({ organizationCount: 3, reachedCount: 3, gapCount: 0 });
});

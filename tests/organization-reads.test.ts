import { AdminLevel, OrgKind, type OrganizationEntity } from "../src/entities";
import { toGlobalId } from "../src/schema/global-id";
import { OrganizationTreeService } from "../src/services/organization-tree.service";
import { buildOrganization } from "./helpers/factories";
import { startTestServer, type GraphQLResponse, type TestServer } from "./helpers/test-server";

/**
 * Reads of the organisation tree through the HTTP endpoint (DOMAIN.md §6). Each describe
 * block has its own database, because several assertions compare whole lists and would be
 * disturbed by the data of another block.
 */

const tree = new OrganizationTreeService();
const gid = (organization: OrganizationEntity): string => toGlobalId("Organization", organization.id);

function useServer(arrange: (server: TestServer) => Promise<void> = async () => undefined): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    await arrange(server);
  });
  afterAll(() => server?.close());
  return () => server!;
}

async function ok(server: TestServer, query: string, variables?: Record<string, unknown>): Promise<any> {
  const response = await server.gql(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data;
}

/** The response carries exactly one error, of `code`. */
async function refused(server: TestServer, code: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await server.gql(query, variables);
  expect(response.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  return response;
}

const LIST = /* GraphQL */ `
  query List($filter: OrganizationFilter, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes { code }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

async function listCodes(server: TestServer, filter: Record<string, unknown>): Promise<string[]> {
  const data = await ok(server, LIST, { filter, first: 100 });
  return data.organizations.nodes.map((node: { code: string }) => node.code);
}

describe("organization(id | code) and node(id)", () => {
  const server = useServer();
  let root: OrganizationEntity;
  let lower: OrganizationEntity;
  let upper: OrganizationEntity;

  beforeAll(async () => {
    const ctx = server().context();
    root = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE, code: "ID-ROOT", name: "某省委", regionCode: "510000", memberCount: 321 });
    // Codes differ only in case: both must exist and each be found by its own code.
    lower = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE, code: "ab", name: "小写" });
    upper = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE, code: "AB", name: "大写" });
  });

  const BY = /* GraphQL */ `
    query By($id: ID, $code: String) {
      organization(id: $id, code: $code) {
        id code name kind level regionCode depth memberCount status dissolvedAt
        parent { code }
        ancestors { code }
      }
    }
  `;

  test("by id returns every field", async () => {
    const data = await ok(server(), BY, { id: gid(root) });
    expect(data.organization).toEqual({
      id: gid(root),
      code: "ID-ROOT",
      name: "某省委",
      kind: "LOCAL_COMMITTEE",
      level: "PROVINCE",
      regionCode: "510000",
      depth: 0,
      memberCount: 321,
      status: "ACTIVE",
      dissolvedAt: null,
      parent: null,
      ancestors: [],
    });
  });

  test("by code, case-sensitively", async () => {
    expect((await ok(server(), BY, { code: "ab" })).organization).toMatchObject({ id: gid(lower), name: "小写" });
    expect((await ok(server(), BY, { code: "AB" })).organization).toMatchObject({ id: gid(upper), name: "大写" });
    expect((await ok(server(), BY, { code: "Ab" })).organization).toBeNull();
  });

  // Codes are stored trimmed; MariaDB's PAD SPACE collation would otherwise match "ab " but not " ab".
  test("a code is looked up trimmed, on every database alike", async () => {
    expect((await ok(server(), BY, { code: " ab " })).organization).toMatchObject({ id: gid(lower) });
    expect((await ok(server(), BY, { code: "ab\t" })).organization).toMatchObject({ id: gid(lower) });
  });

  test("both or neither of id and code is BAD_USER_INPUT", async () => {
    const both = await refused(server(), "BAD_USER_INPUT", BY, { id: gid(root), code: "ID-ROOT" });
    expect(both.data?.organization).toBeNull();
    const neither = await refused(server(), "BAD_USER_INPUT", BY, {});
    expect(neither.data?.organization).toBeNull();
  });

  test("an unknown id or code answers null without an error", async () => {
    expect((await ok(server(), BY, { code: "NO-SUCH-CODE" })).organization).toBeNull();
    expect((await ok(server(), BY, { id: toGlobalId("Organization", 987654321) })).organization).toBeNull();
  });

  test("an id that is not an organisation id is BAD_USER_INPUT", async () => {
    await refused(server(), "BAD_USER_INPUT", BY, { id: "not-an-id" });
  });

  const NODE = /* GraphQL */ `
    query Node($id: ID!) { node(id: $id) { __typename id ... on Organization { code } } }
  `;

  test("node(id) resolves an organisation's global id", async () => {
    const data = await ok(server(), NODE, { id: gid(upper) });
    expect(data.node).toEqual({ __typename: "Organization", id: gid(upper), code: "AB" });
  });

  test.each([
    ["garbage", "not-an-id"],
    ["empty", ""],
    ["unknown type", toGlobalId("Unicorn", 1)],
    ["non-numeric local id", Buffer.from("Organization:abc").toString("base64url")],
    ["zero local id", Buffer.from("Organization:0").toString("base64url")],
    ["padded (non-canonical) base64", Buffer.from("Organization:1").toString("base64")],
    ["unknown organisation", toGlobalId("Organization", 987654321)],
  ])("node(id) answers null for a %s id", async (_label, id) => {
    expect((await ok(server(), NODE, { id })).node).toBeNull();
  });
});

describe("organizations: order and filters", () => {
  const server = useServer(async (server) => {
    const csv = [
      "code,parent_code,name,kind,level,region_code,member_count",
      "F-P,,甲省委,LOCAL_COMMITTEE,PROVINCE,530000,10",
      "F-P-GW,F-P,甲省直机关工委,WORKING_COMMITTEE,PROVINCE,530000,10",
      "F-P-PG,F-P-GW,甲厅党组,PARTY_GROUP,PROVINCE,530000,10",
      "F-P-OC,F-P-PG,甲厅机关党委,ORGAN_COMMITTEE,PROVINCE,530000,10",
      "F-P-B1,F-P-OC,A_B 支部,BRANCH,PROVINCE,530000,10",
      "F-P-B2,F-P-OC,AxB\\支部!,BRANCH,PROVINCE,530000,10",
      "F-P-B3,F-P-OC,100% 完成支部,BRANCH,PROVINCE,530000,10",
      "F-P-B4,F-P-OC,1000 完成支部,BRANCH,PROVINCE,530000,10",
      "F-P-B5,F-P-OC,已撤销 完成支部 A_B 100%,BRANCH,PROVINCE,530000,10",
      "F-C,F-P,乙市委,LOCAL_COMMITTEE,CITY,530100,10",
      "F-C-GW,F-C,乙市直机关工委,WORKING_COMMITTEE,CITY,530100,10",
      "F-C-B1,F-C-GW,乙市工委直属支部,BRANCH,CITY,530100,10",
      "F-Q,,丙省委,LOCAL_COMMITTEE,PROVINCE,540000,10",
    ].join("\n");
    await ok(server, `mutation($csv: String!) { importOrganizations(csv: $csv) { created } }`, { csv });
    // A dissolved branch matching every filter below: none of them may list it by default.
    const ctx = server.context();
    const dissolved = await new OrganizationTreeService().dissolve(ctx, await idOf(server, "F-P-B5"), false);
    expect(dissolved.status).toBe("DISSOLVED");
    // Codes whose byte order differs from case-insensitive and from UTF-16 order.
    for (const code of ["中", "b", "Z", "😀", "AB", "a", "ｚ", "B", "ab"]) {
      await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE, code, regionCode: "990001" });
    }
  });

  async function idOf(server: TestServer, code: string): Promise<number> {
    return Number((await server.dataSource.query("SELECT id FROM organization WHERE code = ?", [code]))[0].id);
  }

  async function globalIdOf(code: string): Promise<string> {
    return toGlobalId("Organization", await idOf(server(), code));
  }

  test("codes are ordered by UTF-8 byte order, case-sensitively", async () => {
    expect(await listCodes(server(), { regionCode: "990001" })).toEqual(["AB", "B", "Z", "a", "ab", "b", "中", "ｚ", "😀"]);
  });

  test("by kind", async () => {
    expect(await listCodes(server(), { kind: "BRANCH" })).toEqual(["F-C-B1", "F-P-B1", "F-P-B2", "F-P-B3", "F-P-B4"]);
  });

  test("by level", async () => {
    expect(await listCodes(server(), { level: "CITY" })).toEqual(["F-C", "F-C-B1", "F-C-GW"]);
  });

  test("by region code", async () => {
    expect(await listCodes(server(), { regionCode: "540000" })).toEqual(["F-Q"]);
    expect(await listCodes(server(), { regionCode: "530100" })).toEqual(["F-C", "F-C-B1", "F-C-GW"]);
  });

  test("by part of the name, with % and _ taken literally", async () => {
    expect(await listCodes(server(), { nameContains: "A_B" })).toEqual(["F-P-B1"]);
    expect(await listCodes(server(), { nameContains: "0%" })).toEqual(["F-P-B3"]);
    expect(await listCodes(server(), { nameContains: "完成" })).toEqual(["F-P-B3", "F-P-B4"]);
    expect(await listCodes(server(), { nameContains: "%" })).toEqual(["F-P-B3"]);
    expect(await listCodes(server(), { nameContains: "_" })).toEqual(["F-P-B1"]);
    // The escape characters themselves are data too.
    expect(await listCodes(server(), { nameContains: "!" })).toEqual(["F-P-B2"]);
    expect(await listCodes(server(), { nameContains: "B\\支" })).toEqual(["F-P-B2"]);
  });

  test("under a subtree, itself included", async () => {
    expect(await listCodes(server(), { under: await globalIdOf("F-C") })).toEqual(["F-C", "F-C-B1", "F-C-GW"]);
    expect(await listCodes(server(), { under: await globalIdOf("F-Q") })).toEqual(["F-Q"]);
  });

  test("filters combine", async () => {
    expect(await listCodes(server(), { under: await globalIdOf("F-P"), kind: "LOCAL_COMMITTEE", level: "CITY" })).toEqual(["F-C"]);
    expect(await listCodes(server(), { kind: "BRANCH", level: "CITY", regionCode: "530000" })).toEqual([]);
  });

  test("under an unknown organisation is NOT_FOUND, under a malformed id BAD_USER_INPUT", async () => {
    await refused(server(), "NOT_FOUND", LIST, { filter: { under: toGlobalId("Organization", 987654321) } });
    await refused(server(), "BAD_USER_INPUT", LIST, { filter: { under: "nonsense" } });
  });

  test("dissolved organisations are listed only when asked for", async () => {
    expect(await listCodes(server(), { status: "DISSOLVED" })).toEqual(["F-P-B5"]);
    expect(await listCodes(server(), { status: "DISSOLVED", nameContains: "A_B" })).toEqual(["F-P-B5"]);
    const data = await ok(server(), LIST, { filter: { status: "ACTIVE", kind: "BRANCH" } });
    expect(data.organizations.totalCount).toBe(5);
  });

  test("totalCount counts the whole filtered connection, not the page", async () => {
    const data = await ok(server(), LIST, { filter: { under: await globalIdOf("F-P") }, first: 2 });
    // F-P and its 11 descendants, less the dissolved branch.
    expect(data.organizations.totalCount).toBe(11);
    expect(data.organizations.nodes.map((n: { code: string }) => n.code)).toEqual(["F-C", "F-C-B1"]);
  });
});

describe("tree reads: parent, ancestors, depth, children, descendants", () => {
  const orgs: Record<string, OrganizationEntity> = {};
  const server = useServer(async (server) => {
    const ctx = server.context();
    const add = async (code: string, kind: OrgKind, parent?: string) => {
      orgs[code] = await buildOrganization(ctx, { kind, code, parent: parent ? orgs[parent] : null, level: parent ? undefined : AdminLevel.PROVINCE });
    };
    // Created out of code order, so creation order, code order and pre-order all differ.
    await add("T-R", OrgKind.LOCAL_COMMITTEE);
    await add("T-W", OrgKind.WORKING_COMMITTEE, "T-R");
    await add("T-G2", OrgKind.PARTY_GROUP, "T-W");
    await add("T-O2", OrgKind.ORGAN_COMMITTEE, "T-G2");
    await add("T-G1", OrgKind.PARTY_GROUP, "T-W");
    await add("T-O1", OrgKind.ORGAN_COMMITTEE, "T-G1");
    for (const code of ["T-B-z", "T-B-A", "T-B-x", "T-B-b", "T-B-Y"]) await add(code, OrgKind.BRANCH, "T-O1");
    await add("T-D1", OrgKind.DISCIPLINE_COMMITTEE, "T-G1");
    await add("T-C", OrgKind.LOCAL_COMMITTEE, "T-R");
    await tree.dissolve(ctx, orgs["T-B-x"].id, false);
  });

  const TREE = /* GraphQL */ `
    query Tree($code: String!, $filter: OrganizationFilter) {
      organization(code: $code) {
        depth
        parent { code }
        ancestors { code depth }
        children(first: 100) { totalCount nodes { code } }
        descendants(first: 100, filter: $filter) { totalCount nodes { code } }
      }
    }
  `;

  async function read(code: string, filter?: Record<string, unknown>) {
    return (await ok(server(), TREE, { code, filter })).organization;
  }

  const codes = (connection: { nodes: { code: string }[] }) => connection.nodes.map((node) => node.code);

  test("a root has depth 0, no parent and no ancestors", async () => {
    const root = await read("T-R");
    expect(root.depth).toBe(0);
    expect(root.parent).toBeNull();
    expect(root.ancestors).toEqual([]);
  });

  test("ancestors run from the root, without the organisation itself", async () => {
    const branch = await read("T-B-A");
    expect(branch.depth).toBe(4);
    expect(branch.parent).toEqual({ code: "T-O1" });
    expect(branch.ancestors).toEqual([
      { code: "T-R", depth: 0 },
      { code: "T-W", depth: 1 },
      { code: "T-G1", depth: 2 },
      { code: "T-O1", depth: 3 },
    ]);
  });

  test("children are the active ones, by code in byte order", async () => {
    expect(codes((await read("T-R")).children)).toEqual(["T-C", "T-W"]);
    const organCommittee = await read("T-O1");
    expect(codes(organCommittee.children)).toEqual(["T-B-A", "T-B-Y", "T-B-b", "T-B-z"]);
    expect(organCommittee.children.totalCount).toBe(4);
    expect(codes((await read("T-B-A")).children)).toEqual([]);
  });

  test("descendants exclude the organisation itself and come in tree pre-order (siblings by creation)", async () => {
    const root = await read("T-R");
    const preOrder = ["T-W", "T-G2", "T-O2", "T-G1", "T-O1", "T-B-z", "T-B-A", "T-B-b", "T-B-Y", "T-D1", "T-C"];
    expect(codes(root.descendants)).toEqual(preOrder);
    expect(root.descendants.totalCount).toBe(11);
    expect(codes((await read("T-G1")).descendants)).toEqual(["T-O1", "T-B-z", "T-B-A", "T-B-b", "T-B-Y", "T-D1"]);
  });

  test("descendants take the organisation filter", async () => {
    const branches = (await read("T-R", { kind: "BRANCH" })).descendants;
    expect(codes(branches)).toEqual(["T-B-z", "T-B-A", "T-B-b", "T-B-Y"]);
    expect(branches.totalCount).toBe(4);
    expect(codes((await read("T-R", { status: "DISSOLVED" })).descendants)).toEqual(["T-B-x"]);
  });
});

describe("connections: page sizes, cursors, pageInfo", () => {
  let organCommittee: OrganizationEntity;
  let otherCommittee: OrganizationEntity;
  const BRANCHES = 25;
  const server = useServer(async (server) => {
    const ctx = server.context();
    const department = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE, code: "P" });
    const working = await buildOrganization(ctx, { kind: OrgKind.WORKING_COMMITTEE, code: "P-W", parent: department });
    organCommittee = await buildOrganization(ctx, { kind: OrgKind.ORGAN_COMMITTEE, code: "P-W-O", parent: working });
    otherCommittee = await buildOrganization(ctx, { kind: OrgKind.ORGAN_COMMITTEE, code: "P-W-Q", parent: working });
    for (let i = 0; i < BRANCHES; i++) {
      // Reverse code order, so id order cannot pass for code order.
      const code = `P-W-O-${String(BRANCHES - i).padStart(2, "0")}`;
      await buildOrganization(ctx, { kind: OrgKind.BRANCH, code, parent: organCommittee });
    }
    await buildOrganization(ctx, { kind: OrgKind.BRANCH, code: "P-W-Q-01", parent: otherCommittee });
  });

  const CHILDREN = /* GraphQL */ `
    query Children($id: ID!, $first: Int, $after: String) {
      node(id: $id) {
        ... on Organization {
          children(first: $first, after: $after) {
            totalCount
            edges { cursor node { code } }
            nodes { code }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
      }
    }
  `;
  const DESCENDANTS = /* GraphQL */ `
    query Descendants($id: ID!, $first: Int, $after: String) {
      node(id: $id) { ... on Organization { descendants(first: $first, after: $after) { nodes { code } pageInfo { hasNextPage endCursor } } } }
    }
  `;
  const branchCodes = Array.from({ length: BRANCHES }, (_, i) => `P-W-O-${String(i + 1).padStart(2, "0")}`);

  async function children(first?: number, after?: string, of = organCommittee) {
    return (await ok(server(), CHILDREN, { id: gid(of), first, after })).node.children;
  }

  test("first defaults to 20", async () => {
    const page = await children();
    expect(page.nodes.map((n: { code: string }) => n.code)).toEqual(branchCodes.slice(0, 20));
    expect(page.totalCount).toBe(BRANCHES);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  test("first accepts 1 and 100", async () => {
    expect((await children(1)).nodes).toEqual([{ code: "P-W-O-01" }]);
    expect((await children(100)).nodes).toHaveLength(BRANCHES);
    expect((await ok(server(), LIST, { first: 100 })).organizations.nodes).toHaveLength(BRANCHES + 5);
  });

  test.each([0, 101, -1])("first: %d is BAD_USER_INPUT with no data", async (first) => {
    const list = await refused(server(), "BAD_USER_INPUT", LIST, { first });
    expect(list.data).toBeNull();
    const nested = await refused(server(), "BAD_USER_INPUT", CHILDREN, { id: gid(organCommittee), first });
    expect(nested.data?.node ?? null).toBeNull();
  });

  test("paging with after yields every item exactly once, with consistent pageInfo", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    const sizes: number[] = [];
    for (let pages = 0; pages < 10; pages++) {
      const page = await children(7, after);
      const codes = page.nodes.map((n: { code: string }) => n.code);
      seen.push(...codes);
      sizes.push(codes.length);
      expect(page.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual(codes);
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== undefined);
      expect(page.totalCount).toBe(BRANCHES);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(sizes).toEqual([7, 7, 7, 4]);
    expect(seen).toEqual(branchCodes);
  });

  test("paging through descendants yields the pre-order exactly once", async () => {
    const root = await ok(server(), `{ organization(code: "P") { id } }`);
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const data = await ok(server(), DESCENDANTS, { id: root.organization.id, first: 4, after });
      seen.push(...data.node.descendants.nodes.map((n: { code: string }) => n.code));
      if (!data.node.descendants.pageInfo.hasNextPage) break;
      after = data.node.descendants.pageInfo.endCursor;
    }
    // Siblings by creation: the branches were created from 25 down to 01.
    expect(seen).toEqual(["P-W", "P-W-O", ...[...branchCodes].reverse(), "P-W-Q", "P-W-Q-01"]);
  });

  test("an empty connection has null cursors and no next page", async () => {
    const leaf = await ok(server(), `{ organization(code: "P-W-O-01") { children { totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`);
    expect(leaf.organization.children).toEqual({
      totalCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  test("a page of organizations does not overlap or skip when an organisation is created between page requests", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let inserted = false;
    for (let pages = 0; pages < 20; pages++) {
      const data = await ok(server(), LIST, { filter: { kind: "BRANCH" }, first: 5, after });
      seen.push(...data.organizations.nodes.map((n: { code: string }) => n.code));
      if (!inserted) {
        // Sorts before the cursor: it must neither shift the next page nor repeat an item.
        await buildOrganization(server().context(), { kind: OrgKind.BRANCH, code: "P-W-O-00", parent: organCommittee });
        inserted = true;
      }
      if (!data.organizations.pageInfo.hasNextPage) break;
      after = data.organizations.pageInfo.endCursor;
    }
    expect(seen).toEqual([...branchCodes, "P-W-Q-01"]);
  });

  test("a cursor of one connection is refused by another", async () => {
    const childCursor = (await children(2)).pageInfo.endCursor;
    const listCursor = (await ok(server(), LIST, { first: 2 })).organizations.pageInfo.endCursor;
    const descendantCursor = (await ok(server(), DESCENDANTS, { id: gid(organCommittee), first: 2 })).node.descendants.pageInfo.endCursor;

    await refused(server(), "BAD_USER_INPUT", LIST, { after: childCursor });
    await refused(server(), "BAD_USER_INPUT", LIST, { after: descendantCursor });
    await refused(server(), "BAD_USER_INPUT", CHILDREN, { id: gid(organCommittee), after: listCursor });
    await refused(server(), "BAD_USER_INPUT", CHILDREN, { id: gid(otherCommittee), after: childCursor });
    await refused(server(), "BAD_USER_INPUT", DESCENDANTS, { id: gid(otherCommittee), after: descendantCursor });
  });

  test.each([
    ["garbage", "garbage!"],
    ["base64 of nonsense", Buffer.from("nonsense").toString("base64url")],
    ["base64 of a JSON array of the wrong shape", Buffer.from(JSON.stringify([1, 2, 3])).toString("base64url")],
    ["empty", ""],
  ])("a %s cursor is BAD_USER_INPUT", async (_label, after) => {
    await refused(server(), "BAD_USER_INPUT", LIST, { after });
    await refused(server(), "BAD_USER_INPUT", CHILDREN, { id: gid(organCommittee), after });
  });
});

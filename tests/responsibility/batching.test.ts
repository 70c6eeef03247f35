import { expectStatementsIndependentOfSize } from "../helpers/statement-counts";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { appoint, assign, buildUnit, createPeriod, createPerson, installBuiltIn, ok, orgId, record } from "./helpers";

/**
 * A nested listing of branches with their duties, completion, records and leadership must
 * cost the same number of SQL statements for 2 branches as for 8 (loaders, not N+1).
 */
let server: TestServer;
let small: Awaited<ReturnType<typeof buildUnit>>;
let large: Awaited<ReturnType<typeof buildUnit>>;

const LISTING = `query($id: ID!) { node(id: $id) { ... on Organization {
  children(first: 50) { nodes {
    code
    leadership { postKind person { name } responsibilities(period: "2025-Q1") { completion responsibility { item { code } } } }
    responsibilities(period: "2025-Q1") {
      completion source recordCount required
      responsibility { id local item { code weight requirement { minCount per } } parent { id } derivedFrom { item { code } organization { code } } }
      records(first: 5) { totalCount nodes { date evidenceKind } }
    }
  } }
} } }`;

beforeAll(async () => {
  server = await startTestServer();
  small = await buildUnit(server, 2);
  large = await buildUnit(server, 8);
  const catalog = await installBuiltIn(server);
  for (const unit of [small, large]) {
    for (const branch of unit.branches) await appoint(server, await createPerson(server, `书记 ${branch.code}`), branch, "BRANCH_SECRETARY", "2024-01-01");
    await assign(server, catalog, unit.province);
  }
  await createPeriod(server, "2025-Q1");
  for (const unit of [small, large]) {
    for (const branch of unit.branches) {
      const statuses = ok(await server.gql(`query($id: ID!) { node(id: $id) { ... on Organization { responsibilities(period: "2025-Q1") { responsibility { id item { code } } } } } }`, { id: orgId(branch) }));
      const meeting = statuses.node.responsibilities.find((s: any) => s.responsibility.item.code === "BR-02-2").responsibility.id;
      ok(await record(server, meeting, "2025-01-10"));
      ok(await record(server, meeting, "2025-02-10"));
    }
  }
});
afterAll(() => server.close());

test("a nested listing of branches costs the same number of statements for 2 and for 8 branches", async () => {
  const few = await server.gql(LISTING, { id: orgId(small.organCommittee) });
  const many = await server.gql(LISTING, { id: orgId(large.organCommittee) });
  expect(few.errors).toBeUndefined();
  expect(many.errors).toBeUndefined();
  const branches = many.data.node.children.nodes;
  expect(branches).toHaveLength(8);
  for (const branch of branches) {
    const meeting = branch.responsibilities.find((s: any) => s.responsibility.item.code === "BR-02-2");
    expect(meeting).toMatchObject({ recordCount: 2, required: 3, completion: 2 / 3, records: { totalCount: 2 } });
    expect(branch.leadership[0].responsibilities).toHaveLength(6);
  }
  expectStatementsIndependentOfSize(few, many, large.branches.length - small.branches.length, 25);
});

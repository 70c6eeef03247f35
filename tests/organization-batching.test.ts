import { OrganizationImportService } from "../src/services/organization-import.service";
import { OrganizationEntity } from "../src/entities";
import { toGlobalId } from "../src/schema/global-id";
import { wideTreeCsv } from "./helpers/factories";
import { expectStatementsIndependentOfSize } from "./helpers/statement-counts";
import { startTestServer, type TestServer } from "./helpers/test-server";

/**
 * The frontend's browse query must cost O(depth) statements, not O(nodes): the same
 * count whether every node has 5 children or 50.
 */
const BROWSE = /* GraphQL */ `
  query Browse($id: ID!) {
    node(id: $id) {
      ... on Organization {
        code
        parent { code }
        ancestors { code }
        children(first: 50) {
          totalCount
          nodes {
            code
            parent { code }
            ancestors { code }
            children(first: 50) {
              totalCount
              nodes { code parent { code } ancestors { code } }
            }
          }
        }
      }
    }
  }
`;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const importer = new OrganizationImportService();
  await importer.importCsv(server.context(), wideTreeCsv("NARROW", 5));
  await importer.importCsv(server.context(), wideTreeCsv("WIDE", 50));
});

afterAll(() => server.close());

async function browse(rootCode: string) {
  const root = await server.dataSource.manager.findOneByOrFail(OrganizationEntity, { code: rootCode });
  const response = await server.gql(BROWSE, { id: toGlobalId("Organization", root.id) });
  expect(response.errors).toBeUndefined();
  return response;
}

test("a nested browse costs the same number of statements for 5 and for 50 children per node", async () => {
  const narrow = await browse("NARROW");
  const wide = await browse("WIDE");

  expect(narrow.data.node.children.totalCount).toBe(5);
  expect(narrow.data.node.children.nodes).toHaveLength(5);
  expect(wide.data.node.children.totalCount).toBe(50);
  expect(wide.data.node.children.nodes).toHaveLength(50);
  const grandchildren = wide.data.node.children.nodes.flatMap((city: any) => city.children.nodes);
  expect(grandchildren).toHaveLength(2500);
  expect(grandchildren[0].ancestors.map((a: any) => a.code)).toEqual(["WIDE", "WIDE-C000"]);
  expect(grandchildren[0].parent.code).toBe("WIDE-C000");

  // node, children of the root, their counts, grandchildren pages, their counts, and the
  // parent/ancestor batches: a handful per level, nowhere near one per node.
  expectStatementsIndependentOfSize(narrow, wide, 45, 10);
});

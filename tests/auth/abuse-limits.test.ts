import type { AddressInfo } from "node:net";
import express from "express";
import { parse, specifiedRules, validate, type GraphQLSchema } from "graphql";
import { ABUSE_LIMITS, abuseValidationRules, aliasLimitRule, batchLimit, depthLimitRule, queryCost } from "../../src/http/abuse-limits";
import { buildSchemaWithAuth } from "./build-auth-schema";

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildSchemaWithAuth();
});

const problems = (query: string, rules = abuseValidationRules()) => validate(schema, parse(query), [...specifiedRules, ...rules]).map((e) => e.message);

/** children → nodes nested `levels` times below organization(code:). */
function nestedChildren(levels: number, first = 5): string {
  let inner = "code";
  for (let i = 0; i < levels; i++) inner = `children(first: ${first}) { nodes { ${inner} } }`;
  return `{ organization(code: "X") { ${inner} } }`;
}

/** The front end's browse query (tests/organization-batching.test.ts). */
const BROWSE = `
  query Browse($id: ID!) {
    node(id: $id) {
      ... on Organization {
        code parent { code } ancestors { code }
        children(first: 50) { totalCount nodes { code parent { code } ancestors { code }
          children(first: 50) { totalCount nodes { code parent { code } ancestors { code } } } } }
      }
    }
  }`;

describe("depth", () => {
  test("the browse query and ordinary queries pass", () => {
    expect(problems(BROWSE)).toEqual([]);
    expect(problems("{ me { username scope { name ancestors { name } } } }")).toEqual([]);
    expect(problems(nestedChildren(5))).toEqual([]); // depth 12
  });

  test("a query nested deeper than the limit is refused, with fragments expanded", () => {
    expect(problems(nestedChildren(6))).toEqual([`The query is nested 14 levels deep; at most ${ABUSE_LIMITS.maxDepth} are allowed.`]);
    const viaFragments = `
      query { organization(code: "X") { ...A } }
      fragment A on Organization { children { nodes { ...B } } }
      fragment B on Organization { children { nodes { ...C } } }
      fragment C on Organization { children { nodes { parent { parent { parent { parent { parent { parent { code } } } } } } } } }`;
    expect(problems(viaFragments, [depthLimitRule(12)])).toEqual(["The query is nested 14 levels deep; at most 12 are allowed."]);
  });

  test("a fragment cycle is reported by graphql-js, not looped on", () => {
    const cyclic = `query { organization(code: "X") { ...A } } fragment A on Organization { parent { ...A } }`;
    expect(problems(cyclic)).toEqual([expect.stringMatching(/Cannot spread fragment "A" within itself/)]);
  });

  test("introspection is not counted: GraphiQL's own query is deeper than any data query", () => {
    const ofType = (n: number): string => (n === 0 ? "name" : `name ofType { ${ofType(n - 1)} }`);
    expect(problems(`{ __schema { types { fields { type { ${ofType(10)} } } } } }`)).toEqual([]);
  });
});

describe("aliases", () => {
  test("a handful of aliases pass; a flood is refused, counting each spread of a fragment", () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: me { username }`).join(" ");
    expect(problems(`{ ${aliases(ABUSE_LIMITS.maxAliases)} }`)).toEqual([]);
    expect(problems(`{ ${aliases(ABUSE_LIMITS.maxAliases + 1)} }`)).toEqual([`The query uses 31 aliases; at most 30 are allowed.`]);
    const spread = `
      query { a: me { ...F } b: me { ...F } c: me { ...F } d: me { ...F } }
      fragment F on User { a1: username a2: username a3: username a4: username a5: username a6: username a7: username }`;
    expect(problems(spread, [aliasLimitRule(30)])).toEqual(["The query uses 32 aliases; at most 30 are allowed."]);
  });

  test("a login flood by aliases is refused before any password is checked", () => {
    const guesses = Array.from({ length: 100 }, (_, i) => `g${i}: login(username: "admin", password: "guess${i}") { token }`).join(" ");
    expect(problems(`mutation { ${guesses} }`)).toEqual([expect.stringMatching(/uses 100 aliases/)]);
  });
});

describe("cost", () => {
  const cost = (query: string, variables?: Record<string, unknown>) => queryCost(schema, parse(query), variables);

  test("a connection costs in proportion to its first", () => {
    const small = cost("{ organizations(first: 10) { nodes { code name } } }");
    const large = cost("{ organizations(first: 100) { nodes { code name } } }");
    expect(large).toBeGreaterThan(9 * small);
    expect(cost("{ organizations { nodes { code } } }")).toBe(cost("{ organizations(first: 20) { nodes { code } } }"));
  });

  test("variables are priced: first: $n costs what $n says", () => {
    const query = "query($n: Int) { organizations(first: $n) { nodes { code } } }";
    expect(cost(query, { n: 100 })).toBe(cost("{ organizations(first: 100) { nodes { code } } }"));
  });

  test("the browse query is within the limit; nested large pages are not", () => {
    expect(cost(BROWSE, { id: "x" })).toBeLessThan(ABUSE_LIMITS.maxComplexity);
    expect(cost(nestedChildren(3, 100))).toBeGreaterThan(ABUSE_LIMITS.maxComplexity);
  });

  test("an out-of-contract first is priced at most as 1000, leaving the service to answer BAD_USER_INPUT", () => {
    expect(cost("{ organizations(first: 2000000000) { nodes { code } } }")).toBe(cost("{ organizations(first: 1000) { nodes { code } } }"));
    expect(cost(nestedChildren(2, 2_000_000_000))).toBeGreaterThan(ABUSE_LIMITS.maxComplexity);
  });
});

describe("batches", () => {
  test("a batched HTTP request with more operations than allowed is refused whole with 400", async () => {
    const app = express();
    app.use(express.json(), batchLimit(2), (_req, res) => void res.json({ ok: true }));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const post = (body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    try {
      const operation = { query: "{ me { username } }" };
      expect((await post([operation, operation])).status).toBe(200);
      expect((await post(operation)).status).toBe(200);
      const refused = await post([operation, operation, operation]);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({
        errors: [{ message: "A batch may hold at most 2 operations, not 3.", extensions: { code: "BAD_REQUEST" } }],
      });
    } finally {
      server.close();
    }
  });
});

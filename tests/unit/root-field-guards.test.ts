import "reflect-metadata";
import { GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";
import { buildSchema } from "../../src/schema/build-schema";

/**
 * Authentication and the mutation audit run around root fields only. Were they back on
 * every field (type-graphql's globalMiddlewares), each scalar of each node would become a
 * chain of promises, which made the browse query several times slower.
 */
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema();
});

function field(type: string, name: string) {
  return (schema.getType(type) as GraphQLObjectType).getFields()[name];
}

test("a plain field of a node resolves synchronously, without a middleware chain", () => {
  const code = field("Organization", "code");
  const value = code.resolve ? code.resolve({ code: "P-001" }, {}, {}, {} as GraphQLResolveInfo) : "P-001";
  expect(value).toBe("P-001");
});

test("a root field without a token is refused before its resolver runs", async () => {
  const organizations = field("Query", "organizations");
  const context = { auth: { actor: async () => null } };
  const info = { parentType: schema.getQueryType(), fieldName: "organizations", returnType: organizations.type } as unknown as GraphQLResolveInfo;
  await expect(organizations.resolve!(undefined, {}, context, info)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
});

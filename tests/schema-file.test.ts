import fs from "node:fs";
import {
  buildSchema as parseSdl,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isIntrospectionType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import { renderSchema, SCHEMA_FILE } from "../src/cli/print-schema";

/**
 * schema.graphql is what client teams read and diff, so it must be the schema the code
 * builds. `UPDATE_SCHEMA=1 npx jest tests/schema-file.test.ts` (or `npm run schema`)
 * rewrites it.
 */

/**
 * Types exempt from the bilingual-description rule: GraphQL's root operation types, which
 * type-graphql cannot describe (their fields are described instead).
 */
const UNDESCRIBED_TYPES = new Set(["Query", "Mutation", "Subscription"]);

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const LATIN = /[A-Za-z]/;

let sdl: string;
let schema: GraphQLSchema;

beforeAll(async () => {
  sdl = await renderSchema();
  schema = parseSdl(sdl);
});

test("schema.graphql is the schema the code builds", () => {
  if (process.env.UPDATE_SCHEMA === "1") {
    fs.writeFileSync(SCHEMA_FILE, sdl);
    return;
  }
  const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
  if (committed !== sdl) throw new Error("schema.graphql is stale: run npm run schema");
});

function ownTypes(): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type) && !UNDESCRIBED_TYPES.has(type.name),
  );
}

function bilingual(description: string | null | undefined): boolean {
  return description != null && CJK.test(description) && LATIN.test(description);
}

test("every type has a description in Chinese and English", () => {
  const lacking = ownTypes()
    .filter((type) => !bilingual(type.description))
    .map((type) => type.name);
  expect(lacking).toEqual([]);
});

test("every enum value has a description in Chinese and English", () => {
  const lacking = ownTypes()
    .filter(isEnumType)
    .flatMap((type) => type.getValues().filter((value) => !bilingual(value.description)).map((value) => `${type.name}.${value.name}`));
  expect(lacking).toEqual([]);
});

test("the check itself sees the types and values it should", () => {
  // Guards against a filter that silently skips everything.
  const names = ownTypes().map((type) => type.name);
  expect(names).toEqual(expect.arrayContaining(["Organization", "OrganizationConnection", "OrganizationEdge", "PageInfo", "OrgKind", "Node"]));
  expect(bilingual("党组织 Organisation")).toBe(true);
  expect(bilingual("Organisation")).toBe(false);
  expect(bilingual("党组织")).toBe(false);
});

/**
 * DOMAIN.md §6, organisation part: the fields clients rely on, with their exact types.
 * The service may offer more, never less or different.
 */
const CONTRACT: Record<string, Record<string, string>> = {
  Query: { node: "Node", organization: "Organization", organizations: "OrganizationConnection!" },
  Organization: {
    id: "ID!",
    code: "String!",
    name: "String!",
    kind: "OrgKind!",
    level: "AdminLevel!",
    regionCode: "String!",
    depth: "Int!",
    memberCount: "Int!",
    parent: "Organization",
    children: "OrganizationConnection!",
    descendants: "OrganizationConnection!",
    ancestors: "[Organization!]!",
  },
  OrganizationConnection: { edges: "[OrganizationEdge!]!", nodes: "[Organization!]!", pageInfo: "PageInfo!", totalCount: "Int!" },
  OrganizationEdge: { cursor: "String!", node: "Organization!" },
  PageInfo: { hasNextPage: "Boolean!", hasPreviousPage: "Boolean!", startCursor: "String", endCursor: "String" },
  OrganizationFilter: { kind: "OrgKind", level: "AdminLevel", regionCode: "String", nameContains: "String", under: "ID" },
};

const CONTRACT_ARGUMENTS: Record<string, Record<string, Record<string, string>>> = {
  Query: {
    node: { id: "ID!" },
    organization: { id: "ID", code: "String" },
    organizations: { filter: "OrganizationFilter", first: "Int", after: "String" },
  },
  Organization: {
    children: { first: "Int", after: "String" },
    descendants: { filter: "OrganizationFilter", first: "Int", after: "String" },
  },
};

function fieldTypes(typeName: string): Record<string, string> {
  const type = schema.getType(typeName);
  if (!type || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) return {};
  return Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, String(field.type)]));
}

test.each(Object.entries(CONTRACT))("%s has the contract's fields and types", (typeName, fields) => {
  expect(fieldTypes(typeName)).toMatchObject(fields);
});

test.each(Object.entries(CONTRACT_ARGUMENTS))("%s fields take the contract's arguments", (typeName, fields) => {
  const type = schema.getType(typeName);
  expect(isObjectType(type)).toBe(true);
  if (!isObjectType(type)) return;
  for (const [fieldName, args] of Object.entries(fields)) {
    const field = type.getFields()[fieldName];
    expect(field).toBeDefined();
    expect(Object.fromEntries(field.args.map((arg) => [arg.name, String(arg.type)]))).toMatchObject(args);
  }
});

test("Organization implements Node", () => {
  const organization = schema.getType("Organization");
  expect(isObjectType(organization) && organization.getInterfaces().map((i) => i.name)).toEqual(["Node"]);
});

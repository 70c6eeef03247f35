import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authResolvers } from "../../src/resolvers/auth-resolvers";
import { resolvers } from "../../src/schema/build-schema";

/** The real schema plus the auth resolvers, as build-schema.ts will build it once they are registered (phase 2). */
export function buildSchemaWithAuth(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [...resolvers, ...authResolvers] as [Function, ...Function[]], validate: false, emitSchemaFile: false });
}

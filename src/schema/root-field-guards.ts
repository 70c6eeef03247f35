import { defaultFieldResolver, type GraphQLSchema } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import type { RequestContext } from "../services/request-context";

/**
 * Runs the given middlewares around every Query and Mutation field, and nowhere else.
 *
 * type-graphql's `globalMiddlewares` would run them around every field of every type, which
 * turns each scalar of each node into a chain of promises: the browse query (196 nodes ×
 * ~12 fields) spent most of its time there. Authentication and the audit guarantee concern
 * root fields only, so they are attached to those, after the schema is built; a root field
 * added later is covered like the others.
 */
export function guardRootFields(schema: GraphQLSchema, middlewares: MiddlewareFn<RequestContext>[]): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (root, args, context: RequestContext, info) => {
        const data = { root, args, context, info };
        const chain = middlewares.reduceRight<() => Promise<unknown>>(
          (next, middleware) => async () => middleware(data, next),
          async () => resolve(root, args, context, info),
        );
        return chain();
      };
    }
  }
  return schema;
}

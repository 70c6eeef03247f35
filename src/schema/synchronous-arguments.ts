import { getNamedType, isEnumType, isObjectType, isScalarType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";

type ParamMetadata = NonNullable<ReturnType<typeof getMetadataStorage>["fieldResolvers"][number]["params"]>[number];

/**
 * Calls field resolvers whose arguments are all scalars or enums without type-graphql's
 * argument pipeline, which is asynchronous even with validation off (validateArg is an async
 * function, and getParams then waits on Promise.all): several promises per field per node,
 * each paying the async-hook callbacks of the request's AsyncLocalStorage. For the browse
 * query that was a third of the 31,000 promises of one execution.
 *
 * Such arguments need no conversion (type-graphql returns scalars and enums as given, and
 * graphql-js has applied the defaults), so the resolver method is called directly with
 * root, context, info and argument values, in its parameters' order. Fields with input
 * objects, @Args classes, custom parameters, middlewares or validation keep type-graphql's
 * resolver, as does any call whose root would need converting to the declared class.
 * Requires validate: false (build-schema.ts).
 */
export function resolveScalarArgumentsSynchronously(schema: GraphQLSchema, resolverClasses: Function[]): GraphQLSchema {
  const storage = getMetadataStorage();
  const instances = new Map<Function, Record<string, (...args: unknown[]) => unknown>>();
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== "external" || !resolverClasses.includes(resolver.target) || !resolver.getObjectType) continue;
    if ((resolver.middlewares?.length ?? 0) > 0 || resolver.roles !== undefined) continue;
    const objectClass = resolver.getObjectType();
    const typeName = storage.objectTypes.find((objectType) => objectType.target === objectClass)?.name;
    const type = typeName ? schema.getType(typeName) : undefined;
    if (!isObjectType(type)) continue;
    const field = type.getFields()[resolver.schemaName];
    const params = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index);
    if (!field?.resolve || !params.every((param) => isPlain(param, field.args))) continue;

    const original: GraphQLFieldResolver<unknown, unknown> = field.resolve;
    const target = resolver.target as new () => Record<string, (...args: unknown[]) => unknown>;
    const method = resolver.methodName;
    field.resolve = (root, args, context, info) => {
      for (const param of params) {
        if (param.kind !== "root" || param.propertyName || !param.getType) continue;
        const declared = param.getType();
        if (typeof declared === "function" && !(root instanceof declared)) return original(root, args, context, info);
      }
      let instance = instances.get(target);
      if (!instance) instances.set(target, (instance = new target()));
      const values = params.map((param) => {
        switch (param.kind) {
          case "root":
            return param.propertyName ? (root as Record<string, unknown>)[param.propertyName] : root;
          case "context":
            return param.propertyName ? (context as Record<string, unknown>)[param.propertyName] : context;
          case "info":
            return info;
          default:
            return (args as Record<string, unknown>)[(param as { name: string }).name];
        }
      });
      return instance[method](...values);
    };
  }
  return schema;
}

function isPlain(param: ParamMetadata, args: readonly { name: string; type: Parameters<typeof getNamedType>[0] }[]): boolean {
  if (param.kind === "root" || param.kind === "context" || param.kind === "info") return true;
  if (param.kind !== "arg" || param.validateFn !== undefined || (param.validateSettings !== undefined && param.validateSettings !== false)) return false;
  const arg = args.find((candidate) => candidate.name === param.name);
  const named = arg && getNamedType(arg.type);
  return named !== undefined && (isScalarType(named) || isEnumType(named));
}

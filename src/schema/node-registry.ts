import type { RequestContext } from "../services/request-context";

/**
 * The types node(id) can resolve. Each feature registers its own, with a loader that applies
 * the caller's scope (null for an object the caller may not see, as for an unknown id).
 */
export interface NodeSource {
  typeName: string;
  entity: Function;
  load(ctx: RequestContext, id: number): Promise<object | null>;
}

const sources = new Map<string, NodeSource>();

export function registerNodeSource(source: NodeSource): void {
  sources.set(source.typeName, source);
}

export function nodeSource(typeName: string): NodeSource | undefined {
  return sources.get(typeName);
}

/** The GraphQL type of a value a resolver returned as a Node. */
export function nodeTypeOf(value: unknown): string | undefined {
  for (const source of sources.values()) if (value instanceof source.entity) return source.typeName;
  return undefined;
}

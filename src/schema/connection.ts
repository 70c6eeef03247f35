import type { Page } from "../services/pagination";
import type { PageInfo } from "./page-info.type";

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Lazy: graphql-js calls it only when the client asks for totalCount. */
  totalCount: () => Promise<number>;
}

export function toConnection<T>(page: Page<T>, totalCount: () => Promise<number>): Connection<T> {
  const edges = page.items.map((node) => ({ cursor: page.cursorOf(node), node }));
  return {
    edges,
    nodes: page.items,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}

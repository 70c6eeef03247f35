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
  const items = page.items;
  return {
    // A getter: cursors are encoded only when a client asks for edges (most ask for nodes).
    get edges() {
      return items.map((node) => ({ cursor: page.cursorOf(node), node }));
    },
    nodes: items,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: items.length > 0 ? page.cursorOf(items[0]) : null,
      endCursor: items.length > 0 ? page.cursorOf(items[items.length - 1]) : null,
    },
    totalCount,
  };
}

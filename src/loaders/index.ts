import type { EntityManager } from "typeorm";
import { activeChildCountLoader } from "./active-child-count.loader";
import { childrenPageLoader } from "./children-page.loader";
import { organizationByIdLoader } from "./organization-by-id.loader";

/**
 * Per-request batch loaders. `em` is a getter so loaders built for a transaction read
 * through the transaction's manager.
 */
export function createLoaders(em: () => EntityManager) {
  const loaders = {
    organizationById: organizationByIdLoader(em),
    activeChildCount: activeChildCountLoader(em),
    childrenPage: childrenPageLoader(em),
    clearAll(): void {
      loaders.organizationById.clearAll();
      loaders.activeChildCount.clearAll();
      loaders.childrenPage.clearAll();
    },
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Catalogs shipped with the service; installBuiltInCatalog loads one by code. */
import type { BuiltInCatalog } from "./built-in-catalog.types";
import { SANJI_WUGANG_CATALOG } from "./sanji-wugang.catalog";

export const BUILT_IN_CATALOGS: readonly BuiltInCatalog[] = [SANJI_WUGANG_CATALOG];
export type { BuiltInCatalog, BuiltInItem, BuiltInSection } from "./built-in-catalog.types";
export { SANJI_WUGANG_CATALOG };

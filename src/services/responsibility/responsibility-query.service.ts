import { In } from "typeorm";
import { CatalogItemEntity, ResponsibilityEntity } from "../../entities/responsibility.entities";
import { NotFoundError } from "../errors";
import type { RequestContext } from "../request-context";
import { requestLoader, responsibilityLoaders } from "./loaders";
import DataLoader from "dataloader";
import { readableOrNull, requireOrganizationRead } from "./access";

/**
 * Reads of responsibilities (定责) and their items. A responsibility is visible where its
 * organisation is fully readable (access.ts); elsewhere it is unknown.
 */
export class ResponsibilityQueryService {
  /** Null when unknown or outside the caller's scope (the two are not told apart). */
  async byId(ctx: RequestContext, id: number): Promise<ResponsibilityEntity | null> {
    return readableOrNull(ctx, await responsibilityLoaders(ctx).responsibilityById.load(id), (row) => row.organizationId);
  }

  async requireById(ctx: RequestContext, id: number, role = "responsibility"): Promise<ResponsibilityEntity> {
    const found = await this.byId(ctx, id);
    if (!found) throw new NotFoundError(`${role}: responsibility ${id} does not exist`);
    return found;
  }

  async item(ctx: RequestContext, responsibility: ResponsibilityEntity): Promise<CatalogItemEntity> {
    await this.requireVisible(ctx, responsibility);
    const item = await responsibilityLoaders(ctx).catalogItemById.load(responsibility.catalogItemId);
    if (!item) throw new Error(`catalog item ${responsibility.catalogItemId} of responsibility ${responsibility.id} is missing`);
    return item;
  }

  /** Its sub-items: same organisation and holder, so visible with it. */
  async children(ctx: RequestContext, responsibility: ResponsibilityEntity): Promise<ResponsibilityEntity[]> {
    await this.requireVisible(ctx, responsibility);
    return responsibilityLoaders(ctx).responsibilityChildren.load(responsibility.id);
  }

  /** All responsibilities of one holder (an organisation's own: holderKey 0; a post holder's: its appointment id), in tree order. */
  async ofHolder(ctx: RequestContext, organizationId: number, holderKey: number): Promise<ResponsibilityEntity[]> {
    await requireOrganizationRead(ctx, organizationId);
    return holderLoader(ctx).load({ organizationId, holderKey });
  }

  /**
   * For methods handed a responsibility rather than an id (field resolvers, other
   * features): one outside the caller's scope is NOT_FOUND, whoever obtained it.
   */
  async requireVisible(ctx: RequestContext, responsibility: ResponsibilityEntity): Promise<void> {
    if (!(await readableOrNull(ctx, responsibility, (row) => row.organizationId))) throw new NotFoundError(`responsibility ${responsibility.id} does not exist`);
  }
}

export interface HolderKey {
  organizationId: number;
  holderKey: number;
}

export const holderCacheKey = (key: HolderKey) => `${key.organizationId}|${key.holderKey}`;

/** Responsibilities per holder, in tree order (see sortTree): one statement per batch. */
export function holderLoader(ctx: RequestContext): DataLoader<HolderKey, ResponsibilityEntity[], string> {
  return requestLoader(ctx, "responsibilitiesByHolder", (em) =>
    new DataLoader<HolderKey, ResponsibilityEntity[], string>(
      async (keys) => {
        const rows = await em.find(ResponsibilityEntity, { where: { organizationId: In([...new Set(keys.map((k) => k.organizationId))]) } });
        // Later look-ups by id (visibility checks, records) need no statement of their own.
        const byId = responsibilityLoaders(ctx).responsibilityById;
        for (const row of rows) byId.prime(row.id, row);
        const items = await responsibilityLoaders(ctx).catalogItemById.loadMany([...new Set(rows.map((row) => row.catalogItemId))]);
        const itemById = new Map(items.filter((i): i is CatalogItemEntity => i instanceof CatalogItemEntity).map((i) => [i.id, i]));
        const groups = new Map<string, ResponsibilityEntity[]>();
        for (const row of rows) {
          const k = holderCacheKey(row);
          groups.set(k, [...(groups.get(k) ?? []), row]);
        }
        return keys.map((key) => sortTree(groups.get(holderCacheKey(key)) ?? [], itemById));
      },
      { cacheKeyFn: holderCacheKey },
    ),
  );
}

/**
 * A holder's responsibilities in tree pre-order: top level by catalog then item position
 * (so the built-in list comes before local additions), each followed by its sub-items.
 */
export function sortTree(rows: ResponsibilityEntity[], itemById: Map<number, CatalogItemEntity>): ResponsibilityEntity[] {
  const ids = new Set(rows.map((row) => row.id));
  const children = new Map<number | null, ResponsibilityEntity[]>();
  for (const row of rows) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const order = (a: ResponsibilityEntity, b: ResponsibilityEntity) => {
    const x = itemById.get(a.catalogItemId);
    const y = itemById.get(b.catalogItemId);
    return (x?.catalogId ?? 0) - (y?.catalogId ?? 0) || (x?.position ?? 0) - (y?.position ?? 0) || a.id - b.id;
  };
  const sorted: ResponsibilityEntity[] = [];
  const visit = (parent: number | null) => {
    for (const row of (children.get(parent) ?? []).sort(order)) {
      sorted.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return sorted;
}

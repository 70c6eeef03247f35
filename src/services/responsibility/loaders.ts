import DataLoader from "dataloader";
import { In, type EntityManager, type ObjectLiteral } from "typeorm";
import {
  AppointmentEntity,
  CatalogEntity,
  CatalogItemEntity,
  PersonEntity,
  ResponsibilityEntity,
} from "../../entities/responsibility.entities";
import type { RequestContext } from "../request-context";

/**
 * The responsibility feature's per-request loaders. They hang off the request's own
 * `ctx.loaders` object through a WeakMap (one set per request, and a separate set inside
 * each transaction, whose context gets fresh loaders), so they are never shared between
 * requests and die with them. Each batch function returns results in key order with null
 * for missing keys.
 */
function createResponsibilityLoaders(em: () => EntityManager) {
  return {
    personById: byId(em, PersonEntity),
    appointmentById: byId(em, AppointmentEntity),
    catalogById: byId(em, CatalogEntity),
    catalogItemById: byId(em, CatalogItemEntity),
    responsibilityById: byId(em, ResponsibilityEntity),
    /** Every appointment of a person, start date ascending. */
    appointmentsByPerson: groupedBy(em, AppointmentEntity, "personId", { startDate: "ASC", id: "ASC" }),
    /** Children of a responsibility (its 小项 and local sub-items), in id order. */
    responsibilityChildren: groupedBy(em, ResponsibilityEntity, "parentId", { id: "ASC" }),
    /** Top-level items of a catalog, in position order. */
    catalogItemChildren: new DataLoader<number, CatalogItemEntity[]>(async (parentIds) => {
      const rows = await em().find(CatalogItemEntity, { where: { parentId: In([...parentIds]) }, order: { position: "ASC", id: "ASC" } });
      return parentIds.map((id) => rows.filter((row) => row.parentId === id));
    }),
  };
}

export type ResponsibilityLoaders = ReturnType<typeof createResponsibilityLoaders>;

interface RequestLoaders {
  shared: ResponsibilityLoaders;
  /** Loaders a service defines next to its own queries (requestLoader). */
  named: Map<string, DataLoader<any, any, any>>;
}

const perRequest = new WeakMap<object, RequestLoaders>();

function loadersOf(ctx: RequestContext): RequestLoaders {
  let loaders = perRequest.get(ctx.loaders);
  if (!loaders) {
    const em = ctx.em;
    loaders = { shared: createResponsibilityLoaders(() => em), named: new Map() };
    perRequest.set(ctx.loaders, loaders);
  }
  return loaders;
}

export function responsibilityLoaders(ctx: RequestContext): ResponsibilityLoaders {
  return loadersOf(ctx).shared;
}

/** A loader of this request named `name`, built by `create` the first time it is asked for. */
export function requestLoader<K, V, C = K>(ctx: RequestContext, name: string, create: (em: EntityManager) => DataLoader<K, V, C>): DataLoader<K, V, C> {
  const { named } = loadersOf(ctx);
  let loader = named.get(name) as DataLoader<K, V, C> | undefined;
  if (!loader) {
    loader = create(ctx.em);
    named.set(name, loader);
  }
  return loader;
}

/** After a write: later reads of this request see the new rows. */
export function clearResponsibilityLoaders(ctx: RequestContext): void {
  perRequest.delete(ctx.loaders);
}

function byId<T extends ObjectLiteral & { id: number }>(em: () => EntityManager, entity: new () => T) {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = await em().find(entity, { where: { id: In([...ids]) } as never });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

function groupedBy<T extends ObjectLiteral>(em: () => EntityManager, entity: new () => T, column: keyof T & string, order: Record<string, "ASC" | "DESC">) {
  return new DataLoader<number, T[]>(async (keys) => {
    const rows = await em().find(entity, { where: { [column]: In([...keys]) } as never, order: order as never });
    const groups = new Map<number, T[]>();
    for (const row of rows) {
      const key = row[column] as number;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

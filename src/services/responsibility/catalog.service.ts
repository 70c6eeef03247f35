import { IsNull } from "typeorm";
import { CatalogEntity, CatalogItemEntity, CatalogStatus } from "../../entities/responsibility.entities";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { catalogAuthor, readableOrNull } from "./access";
import { describeSubject, normalizeItemFields, sameSubject, type CatalogItemFields, type NormalizedItemFields } from "./catalog-item-fields";
import { clearResponsibilityLoaders, responsibilityLoaders } from "./loaders";

export interface CreateCatalogInput {
  code: string;
  title: string;
  description?: string | null;
}

export interface AddItemInput extends CatalogItemFields {
  /** The 大项 this is a 小项 of (same catalog). */
  parentId?: number | null;
  /** The organisation item (same catalog) this one breaks down. */
  derivesFromId?: number | null;
}

export type UpdateItemInput = Partial<CatalogItemFields> & { derivesFromId?: number | null };

const CATALOG_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * 责任清单 versions. A DRAFT is edited item by item; publishing freezes it for good
 * (every write below checks the status in its transaction, with the catalog row locked on
 * MySQL, so an edit racing a publish cannot slip in). A change to a published list is a
 * new version, copied from the latest, with item codes kept so versions can be compared.
 */
export class CatalogService {
  /**
   * Shared catalogs are reference data for every logged-in user; an organisation's local
   * list is visible where the organisation is fully readable. Null otherwise, as if unknown.
   */
  async byId(ctx: RequestContext, id: number): Promise<CatalogEntity | null> {
    return visibleCatalog(ctx, await responsibilityLoaders(ctx).catalogById.load(id));
  }

  async requireById(ctx: RequestContext, id: number): Promise<CatalogEntity> {
    const found = await this.byId(ctx, id);
    if (!found) throw new NotFoundError(`catalog ${id} does not exist`);
    return found;
  }

  /** A version of a shared catalog; without `version`, the latest one. */
  async byCode(ctx: RequestContext, code: string, version?: number | null): Promise<CatalogEntity | null> {
    if (version != null) return ctx.em.findOneBy(CatalogEntity, { code, version, ownerOrganizationId: IsNull() });
    return ctx.em.findOne(CatalogEntity, { where: { code, ownerOrganizationId: IsNull() }, order: { version: "DESC" } });
  }

  /** Every version of every shared catalog (not organisations' local lists), by code then version. */
  list(ctx: RequestContext): Promise<CatalogEntity[]> {
    return ctx.em.find(CatalogEntity, { where: { ownerOrganizationId: IsNull() }, order: { code: "ASC", version: "ASC" } });
  }

  /** An item, visible with its catalog. */
  async itemById(ctx: RequestContext, id: number): Promise<CatalogItemEntity | null> {
    const item = await responsibilityLoaders(ctx).catalogItemById.load(id);
    return item && (await this.byId(ctx, item.catalogId)) ? item : null;
  }

  /** Top-level items (parent null) or the 小项 of `parentId`, in position order. */
  async items(ctx: RequestContext, catalogId: number, parentId: number | null): Promise<CatalogItemEntity[]> {
    await this.requireById(ctx, catalogId);
    if (parentId !== null) return responsibilityLoaders(ctx).catalogItemChildren.load(parentId);
    return ctx.em.find(CatalogItemEntity, { where: { catalogId, parentId: IsNull() }, order: { position: "ASC", id: "ASC" } });
  }

  /** Every item of the catalog, parents before children (tree pre-order by position). */
  async allItems(ctx: RequestContext, catalogId: number): Promise<CatalogItemEntity[]> {
    await this.requireById(ctx, catalogId);
    const rows = await ctx.em.find(CatalogItemEntity, { where: { catalogId }, order: { position: "ASC", id: "ASC" } });
    return preOrder(rows);
  }

  /** Authoring (this and every write below) is for an unscoped administrator only: catalogs are forest-wide (access.ts). */
  async create(ctx: RequestContext, input: CreateCatalogInput): Promise<CatalogEntity> {
    await catalogAuthor(ctx);
    const code = input.code.trim();
    const title = input.title.trim();
    if (!CATALOG_CODE.test(code)) throw new BadUserInputError(`catalog code "${input.code}" is not 1–64 letters, digits, '.', '_' or '-'`, [{ column: "code", reason: "malformed" }]);
    if (title.length === 0 || title.length > 200) throw new BadUserInputError("title must have 1–200 characters", [{ column: "title", reason: "1–200 characters" }]);
    const created = await inTransaction(ctx, async (tx) => {
      if (await tx.em.exists(CatalogEntity, { where: { code } })) throw new ConflictError(`a catalog with code ${code} already exists: start a new version of it instead`);
      return tx.em.save(tx.em.create(CatalogEntity, { code, version: 1, title, description: input.description?.trim() || null, status: CatalogStatus.DRAFT, ownerOrganizationId: null, publishedAt: null }));
    });
    clearResponsibilityLoaders(ctx);
    return created;
  }

  /** A new DRAFT version copied from the latest version, which must be published. */
  async newVersion(ctx: RequestContext, code: string): Promise<CatalogEntity> {
    await catalogAuthor(ctx);
    const created = await inTransaction(ctx, async (tx) => {
      const latest = await this.byCode(tx, code);
      if (!latest) throw new NotFoundError(`catalog ${code} does not exist`);
      if (latest.status !== CatalogStatus.PUBLISHED) throw new ConflictError(`version ${latest.version} of ${code} is still a draft: edit or publish it first`);
      const next = await tx.em.save(
        tx.em.create(CatalogEntity, { code, version: latest.version + 1, title: latest.title, description: latest.description, status: CatalogStatus.DRAFT, ownerOrganizationId: null, publishedAt: null }),
      );
      const items = preOrder(await tx.em.find(CatalogItemEntity, { where: { catalogId: latest.id }, order: { position: "ASC", id: "ASC" } }));
      const newIds = new Map<number, number>();
      for (const old of items) {
        const { id: _id, catalogId: _catalog, parentId, derivesFromId: _derives, ...fields } = old;
        const copy = await tx.em.save(tx.em.create(CatalogItemEntity, { ...fields, catalogId: next.id, parentId: parentId === null ? null : newIds.get(parentId)!, derivesFromId: null }));
        newIds.set(old.id, copy.id);
      }
      for (const old of items) {
        if (old.derivesFromId !== null) await tx.em.update(CatalogItemEntity, { id: newIds.get(old.id)! }, { derivesFromId: newIds.get(old.derivesFromId)! });
      }
      return next;
    });
    clearResponsibilityLoaders(ctx);
    return created;
  }

  async addItem(ctx: RequestContext, catalogId: number, input: AddItemInput): Promise<CatalogItemEntity> {
    await catalogAuthor(ctx);
    const fields = normalizeItemFields(input);
    const added = await inTransaction(ctx, async (tx) => {
      const catalog = await lockDraft(tx, catalogId);
      return insertItem(tx, catalog, fields, input.parentId ?? null, input.derivesFromId ?? null);
    });
    clearResponsibilityLoaders(ctx);
    return added;
  }

  async updateItem(ctx: RequestContext, itemId: number, input: UpdateItemInput): Promise<CatalogItemEntity> {
    await catalogAuthor(ctx);
    const updated = await inTransaction(ctx, async (tx) => {
      const item = await tx.em.findOneBy(CatalogItemEntity, { id: itemId });
      if (!item) throw new NotFoundError(`catalog item ${itemId} does not exist`);
      const catalog = await lockDraft(tx, item.catalogId);
      const merged: CatalogItemFields = {
        code: input.code ?? item.code,
        title: input.title ?? item.title,
        description: input.description !== undefined ? input.description : item.description,
        subjectOrgKind: input.subjectOrgKind !== undefined || input.subjectPostKind !== undefined ? (input.subjectOrgKind ?? null) : item.subjectOrgKind,
        subjectPostKind: input.subjectOrgKind !== undefined || input.subjectPostKind !== undefined ? (input.subjectPostKind ?? null) : item.subjectPostKind,
        dutyType: input.dutyType ?? item.dutyType,
        category: input.category ?? item.category,
        weight: input.weight ?? item.weight,
        evidenceKinds: input.evidenceKinds ?? item.evidenceKinds,
        requirement:
          input.requirement !== undefined
            ? input.requirement
            : item.requiredCount === null
              ? null
              : { minCount: item.requiredCount, per: item.requiredUnit!, evidenceKind: item.requiredEvidenceKind },
      };
      const fields = normalizeItemFields(merged);
      if (fields.code !== item.code && (await tx.em.exists(CatalogItemEntity, { where: { catalogId: catalog.id, code: fields.code } }))) {
        throw new ConflictError(`catalog ${catalog.code} v${catalog.version} already has an item ${fields.code}`);
      }
      if (!sameSubject(fields, item)) {
        const related = await tx.em.count(CatalogItemEntity, { where: [{ parentId: item.id }] });
        if (item.parentId !== null || related > 0) throw new BadUserInputError("the subject of an item with a parent or sub-items cannot change", [{ column: "subject", reason: "shared with its parent and sub-items" }]);
      }
      const derivesFromId = input.derivesFromId !== undefined ? input.derivesFromId : item.derivesFromId;
      if (derivesFromId !== null) await checkDerivesFrom(tx, catalog, { ...fields, id: item.id }, derivesFromId);
      await tx.em.update(CatalogItemEntity, { id: item.id }, { ...fields, derivesFromId });
      return tx.em.findOneByOrFail(CatalogItemEntity, { id: item.id });
    });
    clearResponsibilityLoaders(ctx);
    return updated;
  }

  /** Removes a draft item that has no 小项 and that no other item breaks down. */
  async removeItem(ctx: RequestContext, itemId: number): Promise<CatalogEntity> {
    await catalogAuthor(ctx);
    const catalog = await inTransaction(ctx, async (tx) => {
      const item = await tx.em.findOneBy(CatalogItemEntity, { id: itemId });
      if (!item) throw new NotFoundError(`catalog item ${itemId} does not exist`);
      const draft = await lockDraft(tx, item.catalogId);
      if (await tx.em.exists(CatalogItemEntity, { where: { parentId: item.id } })) throw new ConflictError(`item ${item.code} has sub-items: remove them first`);
      if (await tx.em.exists(CatalogItemEntity, { where: { derivesFromId: item.id } })) throw new ConflictError(`other items break down ${item.code}: change them first`);
      await tx.em.delete(CatalogItemEntity, { id: item.id });
      return draft;
    });
    clearResponsibilityLoaders(ctx);
    return catalog;
  }

  /**
   * Freezes a draft. A 大项 with 小项 is scored through them, so it may not carry a
   * quantitative requirement of its own.
   */
  async publish(ctx: RequestContext, catalogId: number): Promise<CatalogEntity> {
    await catalogAuthor(ctx);
    const published = await inTransaction(ctx, async (tx) => {
      const catalog = await lockDraft(tx, catalogId);
      const items = await tx.em.find(CatalogItemEntity, { where: { catalogId } });
      if (items.length === 0) throw new BadUserInputError(`catalog ${catalog.code} v${catalog.version} has no items`, [{ column: "id", reason: "empty catalog" }]);
      const parents = new Set(items.map((item) => item.parentId).filter((id) => id !== null));
      const counted = items.filter((item) => parents.has(item.id) && item.requiredCount !== null);
      if (counted.length > 0) {
        throw new BadUserInputError(`items with sub-items cannot have a quantitative requirement: ${counted.map((item) => item.code).join(", ")}`, [
          { column: "requirement", reason: "put the requirement on a sub-item" },
        ]);
      }
      await tx.em.update(CatalogEntity, { id: catalog.id }, { status: CatalogStatus.PUBLISHED, publishedAt: new Date() });
      return tx.em.findOneByOrFail(CatalogEntity, { id: catalog.id });
    });
    clearResponsibilityLoaders(ctx);
    return published;
  }
}

/**
 * Inserts one item of `catalog` (a draft, or a local list) at the end of its siblings.
 * The parent and the derivation source must belong to the same catalog; a 小项 has its
 * parent's subject; a derivation source is an organisation's item.
 */
export async function insertItem(
  tx: RequestContext,
  catalog: CatalogEntity,
  fields: NormalizedItemFields,
  parentId: number | null,
  derivesFromId: number | null,
): Promise<CatalogItemEntity> {
  if (await tx.em.exists(CatalogItemEntity, { where: { catalogId: catalog.id, code: fields.code } })) {
    throw new ConflictError(`catalog ${catalog.code} v${catalog.version} already has an item ${fields.code}`);
  }
  if (parentId !== null) {
    const parent = await tx.em.findOneBy(CatalogItemEntity, { id: parentId });
    if (!parent || parent.catalogId !== catalog.id) {
      throw new BadUserInputError(`parent item ${parentId} is not an item of catalog ${catalog.code} v${catalog.version}`, [{ column: "parentId", reason: "unknown catalog item" }]);
    }
    if (!sameSubject(parent, fields)) {
      throw new BadUserInputError(`a sub-item has its parent's subject (${describeSubject(parent)}), not ${describeSubject(fields)}`, [{ column: "subject", reason: "differs from the parent's" }]);
    }
  }
  if (derivesFromId !== null) await checkDerivesFrom(tx, catalog, { ...fields, id: null }, derivesFromId);
  const { last } = await tx.em
    .createQueryBuilder(CatalogItemEntity, "i")
    .select("MAX(i.position)", "last")
    .where("i.catalog_id = :catalogId", { catalogId: catalog.id })
    .andWhere(parentId === null ? "i.parent_id IS NULL" : "i.parent_id = :parentId", { parentId })
    .getRawOne<{ last: number | string | null }>() ?? { last: null };
  const position = last === null ? 0 : Number(last) + 1;
  return tx.em.save(tx.em.create(CatalogItemEntity, { ...fields, catalogId: catalog.id, parentId, derivesFromId, position }));
}

async function checkDerivesFrom(tx: RequestContext, catalog: CatalogEntity, item: NormalizedItemFields & { id: number | null }, derivesFromId: number): Promise<void> {
  const source = await tx.em.findOneBy(CatalogItemEntity, { id: derivesFromId });
  if (!source || source.catalogId !== catalog.id) {
    throw new BadUserInputError(`item ${derivesFromId} is not an item of catalog ${catalog.code} v${catalog.version}`, [{ column: "derivesFromId", reason: "unknown catalog item" }]);
  }
  if (source.id === item.id) throw new BadUserInputError("an item cannot break itself down", [{ column: "derivesFromId", reason: "itself" }]);
  if (source.subjectOrgKind === null) {
    throw new BadUserInputError(`${source.code} is a post's item: items break down an organisation's item`, [{ column: "derivesFromId", reason: "not an organisation item" }]);
  }
  if (item.subjectOrgKind !== null && item.subjectOrgKind === source.subjectOrgKind) {
    throw new BadUserInputError(`${source.code} belongs to the same kind of organisation (${source.subjectOrgKind}): a duty breaks down one of an organisation above`, [
      { column: "derivesFromId", reason: "same organisation kind" },
    ]);
  }
}

async function lockDraft(tx: RequestContext, catalogId: number): Promise<CatalogEntity> {
  const query = tx.em.createQueryBuilder(CatalogEntity, "c").where("c.id = :catalogId", { catalogId });
  if (tx.dialect === "mysql") query.setLock("pessimistic_write");
  const catalog = await query.getOne();
  if (!catalog) throw new NotFoundError(`catalog ${catalogId} does not exist`);
  if (catalog.ownerOrganizationId !== null) throw new ConflictError(`catalog ${catalog.code} is an organisation's local list: add to it with addLocalResponsibility`);
  if (catalog.status !== CatalogStatus.DRAFT) {
    throw new ConflictError(`catalog ${catalog.code} v${catalog.version} is published and can no longer change: start a new version`);
  }
  return catalog;
}

/** A shared catalog, or a local list whose organisation the caller fully reads; else null. */
export async function visibleCatalog(ctx: RequestContext, catalog: CatalogEntity | null): Promise<CatalogEntity | null> {
  if (catalog === null || catalog.ownerOrganizationId === null) return catalog;
  return readableOrNull(ctx, catalog, (row) => row.ownerOrganizationId!);
}

/** Items in tree pre-order, siblings by position: parents always before their 小项. */
export function preOrder(rows: CatalogItemEntity[]): CatalogItemEntity[] {
  const children = new Map<number | null, CatalogItemEntity[]>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const ordered: CatalogItemEntity[] = [];
  const visit = (parentId: number | null) => {
    for (const child of children.get(parentId) ?? []) {
      ordered.push(child);
      visit(child.id);
    }
  };
  visit(null);
  return ordered;
}

import { IsNull } from "typeorm";
import { BUILT_IN_CATALOGS, type BuiltInItem } from "../../catalog";
import { CatalogEntity, CatalogItemEntity, CatalogStatus } from "../../entities/responsibility.entities";
import { NotFoundError } from "../errors";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { catalogAuthor } from "./access";
import { normalizeItemFields } from "./catalog-item-fields";
import { clearResponsibilityLoaders } from "./loaders";

/**
 * Loads a catalog shipped in src/catalog as version 1, published. Idempotent: when the
 * code exists already, its latest version is returned untouched (a later change of the
 * shipped text is a new version, made through the catalog mutations, not by re-install).
 */
export class BuiltInCatalogService {
  /** Catalog authoring: an unscoped administrator only (access.ts). */
  async install(ctx: RequestContext, code = BUILT_IN_CATALOGS[0].code): Promise<CatalogEntity> {
    await catalogAuthor(ctx);
    const source = BUILT_IN_CATALOGS.find((catalog) => catalog.code === code);
    if (!source) throw new NotFoundError(`there is no built-in catalog ${code}; built in: ${BUILT_IN_CATALOGS.map((c) => c.code).join(", ")}`);
    const installed = await inTransaction(ctx, async (tx) => {
      const existing = await tx.em.findOne(CatalogEntity, { where: { code, ownerOrganizationId: IsNull() }, order: { version: "DESC" } });
      if (existing) return existing;
      const catalog = await tx.em.save(
        tx.em.create(CatalogEntity, { code, version: 1, title: source.title, description: source.description, status: CatalogStatus.DRAFT, ownerOrganizationId: null, publishedAt: null }),
      );
      const idByCode = new Map<string, number>();
      const pending: { item: BuiltInItem; id: number }[] = [];
      const insert = async (item: BuiltInItem, parentId: number | null, position: number, subject: { subjectOrgKind?: unknown; subjectPostKind?: unknown }) => {
        const fields = normalizeItemFields({ ...item, ...subject, requirement: item.requirement ?? null } as Parameters<typeof normalizeItemFields>[0]);
        const saved = await tx.em.save(tx.em.create(CatalogItemEntity, { ...fields, catalogId: catalog.id, parentId, position, derivesFromId: null }));
        idByCode.set(item.code, saved.id);
        if (item.derivesFrom) pending.push({ item, id: saved.id });
        for (const [index, child] of (item.children ?? []).entries()) await insert(child, saved.id, index, subject);
      };
      let position = 0;
      for (const section of source.sections) {
        const subject = { subjectOrgKind: section.subjectOrgKind ?? null, subjectPostKind: section.subjectPostKind ?? null };
        for (const item of section.items) await insert(item, null, position++, subject);
      }
      for (const { item, id } of pending) {
        const target = idByCode.get(item.derivesFrom!);
        if (target === undefined) throw new Error(`built-in catalog ${code}: ${item.code} breaks down unknown item ${item.derivesFrom}`);
        await tx.em.update(CatalogItemEntity, { id }, { derivesFromId: target });
      }
      await tx.em.update(CatalogEntity, { id: catalog.id }, { status: CatalogStatus.PUBLISHED, publishedAt: new Date() });
      return tx.em.findOneByOrFail(CatalogEntity, { id: catalog.id });
    });
    clearResponsibilityLoaders(ctx);
    return installed;
  }
}

import { OrganizationEntity, OrgStatus } from "../../entities";
import { AppointmentEntity, CatalogEntity, CatalogStatus, ResponsibilityEntity } from "../../entities/responsibility.entities";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors";
import { allocateIds } from "../id-allocator";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { readableOrNull, requireWritableOrganization, writer } from "./access";
import { RESPONSIBILITY_SEQUENCE } from "./assign-catalog.service";
import { insertItem } from "./catalog.service";
import { normalizeItemFields, type CatalogItemFields } from "./catalog-item-fields";
import { checkDerivation } from "./derivation.service";
import { clearResponsibilityLoaders } from "./loaders";
import { ResponsibilityQueryService } from "./responsibility-query.service";

export interface LocalResponsibilityInput extends Omit<CatalogItemFields, "subjectOrgKind" | "subjectPostKind"> {
  organizationId: number;
  /** A post holder of the organisation; omitted for the organisation's own duty. */
  appointmentId?: number | null;
  /** The responsibility (same organisation and holder) this one is a sub-item of. */
  parentId?: number | null;
  /** A responsibility held above that this one breaks down (分解). */
  derivedFromId?: number | null;
}

/**
 * An organisation's own additions (自定责任): new items, and sub-items that break an
 * assigned item down (as 中卫 split its work into 5 major items and 42 sub-items). The item
 * goes into the organisation's local list, created on first use, whose subject is the
 * organisation's kind (or the holder's post); the responsibility is created with it.
 */
export class LocalResponsibilityService {
  constructor(private readonly responsibilities = new ResponsibilityQueryService()) {}

  /**
   * "organization.write" in the organisation's scope. What it breaks down (derivedFromId)
   * must be visible to the caller too: a duty above the scope is not (access.ts).
   */
  async add(ctx: RequestContext, input: LocalResponsibilityInput): Promise<ResponsibilityEntity> {
    const actor = await writer(ctx, "organization.write");
    const created = await inTransaction(ctx, async (tx) => {
      const organization = requireWritableOrganization(
        actor,
        await tx.em.findOneBy(OrganizationEntity, { id: input.organizationId }),
        "organization.write",
        `organisation ${input.organizationId} does not exist`,
      );
      if (organization.status !== OrgStatus.ACTIVE) throw new ConflictError(`${organization.code} is dissolved`);
      let holderKey = 0;
      let subject: Pick<CatalogItemFields, "subjectOrgKind" | "subjectPostKind"> = { subjectOrgKind: organization.kind, subjectPostKind: null };
      if (input.appointmentId != null) {
        const appointment = await readableOrNull(tx, await tx.em.findOneBy(AppointmentEntity, { id: input.appointmentId }), (row) => row.organizationId);
        if (!appointment) throw new NotFoundError(`appointment ${input.appointmentId} does not exist`);
        if (appointment.organizationId !== organization.id) {
          throw new BadUserInputError(`appointment ${appointment.id} is a post of another organisation`, [{ column: "appointmentId", reason: "not a post of this organisation" }]);
        }
        holderKey = appointment.id;
        subject = { subjectOrgKind: null, subjectPostKind: appointment.postKind };
      }
      const fields = normalizeItemFields({ ...input, ...subject });
      let parentId: number | null = null;
      if (input.parentId != null) {
        const parent = await this.responsibilities.requireById(tx, input.parentId, "parentId");
        if (parent.organizationId !== organization.id || parent.holderKey !== holderKey) {
          throw new BadUserInputError(`responsibility ${parent.id} belongs to another holder: a sub-item stays with its parent's holder`, [
            { column: "parentId", reason: "another holder's responsibility" },
          ]);
        }
        parentId = parent.id;
      }
      const id = await allocateIds(tx, RESPONSIBILITY_SEQUENCE, 1);
      const draft = tx.em.create(ResponsibilityEntity, { id, organizationId: organization.id, holderKey, appointmentId: holderKey === 0 ? null : holderKey, parentId, derivedFromId: null });
      if (input.derivedFromId != null) {
        const source = await this.responsibilities.requireById(tx, input.derivedFromId, "derivedFromId");
        await checkDerivation(tx, draft, source);
        draft.derivedFromId = source.id;
      }
      const catalog = await localCatalog(tx, organization);
      const item = await insertItem(tx, catalog, fields, null, null);
      await tx.em.insert(ResponsibilityEntity, { ...draft, catalogItemId: item.id });
      return tx.em.findOneByOrFail(ResponsibilityEntity, { id });
    });
    clearResponsibilityLoaders(ctx);
    return created;
  }
}

/**
 * The organisation's local list, made on first use. Published from the start (its items are
 * in force as soon as they are added) and append-only: items are added, never edited, so
 * the records attached to them keep their meaning.
 */
async function localCatalog(tx: RequestContext, organization: OrganizationEntity): Promise<CatalogEntity> {
  const code = `local-${organization.id}`;
  const existing = await tx.em.findOneBy(CatalogEntity, { code, version: 1 });
  if (existing) return existing;
  return tx.em.save(
    tx.em.create(CatalogEntity, {
      code,
      version: 1,
      title: `${organization.name} 自定责任 (local items)`,
      description: null,
      status: CatalogStatus.PUBLISHED,
      ownerOrganizationId: organization.id,
      publishedAt: new Date(),
    }),
  );
}

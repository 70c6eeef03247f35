import { OrganizationEntity, OrgStatus, type OrgKind } from "../../entities";
import {
  AppointmentEntity,
  CatalogAssignmentEntity,
  CatalogEntity,
  CatalogItemEntity,
  CatalogStatus,
  type PostKind,
} from "../../entities/responsibility.entities";
import { ConflictError, NotFoundError } from "../errors";
import { allocateIds } from "../id-allocator";
import { ancestorIds, idsOnPath, subtreeRange } from "../organization-path";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { requireWritableOrganization, writer } from "./access";
import { preOrder, visibleCatalog } from "./catalog.service";
import { today } from "./dates";
import { clearResponsibilityLoaders } from "./loaders";
import { POST_ORG_KINDS } from "./post-kind-rules";

export const RESPONSIBILITY_SEQUENCE = "responsibility";

export interface AssignSummary {
  /** Active organisations of the subtree that were visited. */
  organizations: number;
  /** Current post holders of the subtree that were visited. */
  appointments: number;
  /** Responsibilities created by this call. */
  created: number;
  /** Responsibilities that existed already and were left as they were. */
  existing: number;
  /** Existing responsibilities without a derivation that got one now (their source was assigned later). */
  linked: number;
}

export interface AssignOptions {
  /** Organisations per transaction (default 2000). */
  batchSize?: number;
  /** The day whose post holders receive post items (default today). */
  on?: string;
}

interface BatchResult {
  last: string;
  size: number;
  counts: AssignSummary;
  index: DerivationIndex;
}

function emptySummary(): AssignSummary {
  return { organizations: 0, appointments: 0, created: 0, existing: 0, linked: 0 };
}

function addSummary(total: AssignSummary, part: AssignSummary): void {
  total.organizations += part.organizations;
  total.appointments += part.appointments;
  total.created += part.created;
  total.existing += part.existing;
  total.linked += part.linked;
}

interface OrgRow {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  path: string;
}

interface HolderRow {
  appointmentId: number;
  organizationId: number;
  postKind: PostKind;
}

interface ExistingRow {
  id: number;
  derivedFromId: number | null;
}

const DEFAULT_BATCH = 2000;
// 7 values per row: 4000 rows (28,000 values) stay under SQLite's 32,766 bound variables
// and far under MySQL's max_allowed_packet (~200 kB of SQL), so 1.6 million rows take ~400
// statements; measured a little faster than 1000-row statements on both dialects.
const INSERT_CHUNK = 4000;
const INSERT_COLUMNS = ["id", "organization_id", "holder_key", "appointment_id", "catalog_item_id", "parent_id", "derived_from_id"];

/**
 * 定责: applies a published catalog to every active organisation of a subtree and every
 * current post holder in it. Idempotent: the unique key (organization, holder, item)
 * means a responsibility is created once; existing ones are skipped (read first, so the
 * batch never relies on the key failing).
 *
 * Cost: the subtree is walked in path order (parents before children) in batches of
 * `batchSize` organisations; each batch is one transaction of a handful of reads plus
 * multi-row INSERTs of pre-allocated ids, so parents (小项 under 大项) and derivations
 * (分解 to the nearest ancestor holding the source item) are linked without a read-back.
 * Each batch commits on its own: a run stopped half-way leaves whole batches, and running
 * it again completes the rest. Nothing is written before every check has passed.
 */
export class AssignCatalogService {
  /** "organization.write" in the scope of `under` (the catalog, shared reference data, is anyone's to apply). */
  async assign(ctx: RequestContext, catalogId: number, underId: number, options: AssignOptions = {}): Promise<AssignSummary> {
    const actor = await writer(ctx, "organization.write");
    const under = requireWritableOrganization(actor, await ctx.em.findOneBy(OrganizationEntity, { id: underId }), "organization.write", `under: organisation ${underId} does not exist`);
    const catalog = await visibleCatalog(ctx, await ctx.em.findOneBy(CatalogEntity, { id: catalogId }));
    if (!catalog) throw new NotFoundError(`catalog ${catalogId} does not exist`);
    if (catalog.ownerOrganizationId !== null) throw new ConflictError(`catalog ${catalog.code} is an organisation's local list and cannot be assigned`);
    if (catalog.status !== CatalogStatus.PUBLISHED) throw new ConflictError(`catalog ${catalog.code} v${catalog.version} is a draft: publish it before assigning it`);
    if (under.status !== OrgStatus.ACTIVE) throw new ConflictError(`${under.code} is dissolved`);

    const plan = new CatalogPlan(preOrder(await ctx.em.find(CatalogItemEntity, { where: { catalogId } })));
    const on = options.on ?? today();
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const index = DerivationIndex.create();
    await index.loadAncestors(ctx, under, plan);

    const summary = emptySummary();
    const { lower, upper } = subtreeRange(under.path);
    let after: string | null = null;
    for (;;) {
      // A deadlock retry re-runs the whole batch, so it works on its own summary and index
      // copy and reports where it ended; both are taken over only once it has committed.
      const batch: BatchResult | null = await inTransaction(ctx, async (tx) => {
        const orgs = await loadOrgBatch(tx, lower, upper, after, batchSize);
        if (orgs.length === 0) return null;
        const holders = plan.hasPostItems ? await loadCurrentHolders(tx, orgs, on) : [];
        const counts = emptySummary();
        const batchIndex = index.fork();
        await writeBatch(tx, plan, orgs, holders, batchIndex, counts);
        return { last: orgs[orgs.length - 1].path, size: orgs.length, counts, index: batchIndex };
      });
      if (batch === null) break;
      after = batch.last;
      index.adopt(batch.index);
      addSummary(summary, batch.counts);
      if (batch.size < batchSize) break;
    }
    await inTransaction(ctx, async (tx) => {
      if (!(await tx.em.exists(CatalogAssignmentEntity, { where: { catalogId, organizationId: under.id } }))) {
        await tx.em.insert(CatalogAssignmentEntity, { catalogId, organizationId: under.id });
      }
    });
    clearResponsibilityLoaders(ctx);
    return summary;
  }

  /**
   * Gives a new post holder the post's items of every catalog assigned to its organisation
   * or above, inside the appointment's transaction.
   */
  async applyToAppointment(tx: RequestContext, appointment: AppointmentEntity, organization: OrganizationEntity): Promise<number> {
    const assignments = await tx.em
      .createQueryBuilder(CatalogAssignmentEntity, "a")
      .where("a.organization_id IN (:...ids)", { ids: idsOnPath(organization.path) })
      .getMany();
    let created = 0;
    for (const catalogId of new Set(assignments.map((a) => a.catalogId))) {
      const plan = new CatalogPlan(preOrder(await tx.em.find(CatalogItemEntity, { where: { catalogId } })));
      if (plan.postItems(appointment.postKind).length === 0) continue;
      const index = DerivationIndex.create();
      await index.loadAncestors(tx, organization, plan);
      const org: OrgRow = { id: organization.id, parentId: organization.parentId, kind: organization.kind, path: organization.path };
      const summary = emptySummary();
      // The organisation's own items are not (re)created here: only the new holder's.
      await writeBatch(tx, plan, [org], [{ appointmentId: appointment.id, organizationId: organization.id, postKind: appointment.postKind }], index, summary, { holdersOnly: true });
      created += summary.created;
    }
    return created;
  }
}

/** A catalog's items grouped by subject, each list in tree pre-order. */
class CatalogPlan {
  private readonly byOrgKind = new Map<OrgKind, CatalogItemEntity[]>();
  private readonly byPostKind = new Map<PostKind, CatalogItemEntity[]>();
  /** Items that other items break down: their organisation-level responsibilities are derivation sources. */
  readonly sourceItemIds: Set<number>;
  readonly itemIds: number[];
  readonly hasPostItems: boolean;

  constructor(items: CatalogItemEntity[]) {
    for (const item of items) {
      if (item.subjectOrgKind) this.byOrgKind.set(item.subjectOrgKind, [...(this.byOrgKind.get(item.subjectOrgKind) ?? []), item]);
      if (item.subjectPostKind) this.byPostKind.set(item.subjectPostKind, [...(this.byPostKind.get(item.subjectPostKind) ?? []), item]);
    }
    this.sourceItemIds = new Set(items.map((item) => item.derivesFromId).filter((id): id is number => id !== null));
    this.itemIds = items.map((item) => item.id);
    this.hasPostItems = this.byPostKind.size > 0;
  }

  orgItems(kind: OrgKind): CatalogItemEntity[] {
    return this.byOrgKind.get(kind) ?? [];
  }

  postItems(kind: PostKind): CatalogItemEntity[] {
    return this.byPostKind.get(kind) ?? [];
  }
}

/**
 * Finds the responsibility a new one derives from: the source item's organisation-level
 * responsibility at the nearest organisation above (for a post's item, starting at the
 * post's own organisation). Holds the source responsibilities seen so far, across batches:
 * the subtree is walked in path order, so every ancestor has been seen before its
 * descendants.
 */
class DerivationIndex {
  private readonly parentOf = new Map<number, number | null>();
  /** Keyed by itemKey(organization, source item). */
  private readonly sources = new Map<number, number>();

  /** Set on a fork: the committed index it reads through to. */
  private constructor(private readonly base: DerivationIndex | null = null) {}

  static create(): DerivationIndex {
    return new DerivationIndex();
  }

  /**
   * An overlay for one batch: its additions reach this index only through adopt(), after
   * the batch committed, so a retried or failed batch leaves no trace. O(additions).
   */
  fork(): DerivationIndex {
    return new DerivationIndex(this);
  }

  adopt(fork: DerivationIndex): void {
    for (const [id, parentId] of fork.parentOf) this.parentOf.set(id, parentId);
    for (const [key, id] of fork.sources) this.sources.set(key, id);
  }

  async loadAncestors(ctx: RequestContext, organization: OrganizationEntity, plan: CatalogPlan): Promise<void> {
    const chain = idsOnPath(organization.path);
    chain.forEach((id, i) => this.parentOf.set(id, i === 0 ? null : chain[i - 1]));
    const above = ancestorIds(organization.path);
    if (above.length === 0 || plan.sourceItemIds.size === 0) return;
    const rows: { id: number | string; organization_id: number | string; catalog_item_id: number | string }[] = await ctx.em.query(
      `SELECT id, organization_id, catalog_item_id FROM responsibility
       WHERE holder_key = 0 AND organization_id IN (${marks(above.length)}) AND catalog_item_id IN (${marks(plan.sourceItemIds.size)})`,
      [...above, ...plan.sourceItemIds],
    );
    for (const row of rows) this.addSource(Number(row.organization_id), Number(row.catalog_item_id), Number(row.id));
  }

  addOrganization(org: OrgRow): void {
    this.parentOf.set(org.id, org.parentId);
  }

  addSource(organizationId: number, itemId: number, responsibilityId: number): void {
    this.sources.set(itemKey(organizationId, itemId), responsibilityId);
  }

  find(organizationId: number, sourceItemId: number, includeSelf: boolean): number | null {
    let current: number | null | undefined = includeSelf ? organizationId : this.parentLookup(organizationId);
    while (current != null) {
      const found = this.sourceLookup(itemKey(current, sourceItemId));
      if (found !== undefined) return found;
      current = this.parentLookup(current);
    }
    return null;
  }

  private parentLookup(id: number): number | null | undefined {
    return this.parentOf.has(id) ? this.parentOf.get(id) : this.base?.parentLookup(id);
  }

  private sourceLookup(key: number): number | undefined {
    return this.sources.get(key) ?? this.base?.sourceLookup(key);
  }
}

async function loadOrgBatch(tx: RequestContext, lower: string, upper: string, after: string | null, limit: number): Promise<OrgRow[]> {
  const rows: { id: number | string; parent_id: number | string | null; kind: OrgKind; path: string }[] = await tx.em.query(
    `SELECT id, parent_id, kind, path FROM organization
     WHERE path >= ? AND path < ? AND status = ?${after === null ? "" : " AND path > ?"}
     ORDER BY path LIMIT ?`,
    [lower, upper, OrgStatus.ACTIVE, ...(after === null ? [] : [after]), limit],
  );
  return rows.map((row) => ({ id: Number(row.id), parentId: row.parent_id === null ? null : Number(row.parent_id), kind: row.kind, path: row.path }));
}

async function loadCurrentHolders(tx: RequestContext, orgs: OrgRow[], on: string): Promise<HolderRow[]> {
  // An explicit id list drives the look-up through idx_appointment_org_post, whatever the planner thinks of a path range.
  const rows: { id: number | string; organization_id: number | string; post_kind: PostKind }[] = await tx.em.query(
    `SELECT id, organization_id, post_kind FROM appointment
     WHERE organization_id IN (${marks(orgs.length)}) AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)
     ORDER BY id`,
    [...orgs.map((org) => org.id), on, on],
  );
  return rows.map((row) => ({ appointmentId: Number(row.id), organizationId: Number(row.organization_id), postKind: row.post_kind }));
}

/**
 * Numeric map keys: (holder or organisation id) × 2^24 + item id stays an exact integer
 * below 2^53 for ids under 2^29 (holders, organisations) and 2^24 (items). String keys cost
 * seconds of allocation over the ~1.6 million rows of a province.
 */
const ITEM_SPACE = 16_777_216;
function itemKey(ownerId: number, itemId: number): number {
  return ownerId * ITEM_SPACE + itemId;
}

/**
 * Writes one batch: for each organisation (path order), its own items and then each current
 * holder's items, in pre-order, skipping what exists. A first pass only counts what is
 * missing, so one block of ids is allocated; the second pass streams rows into multi-row
 * INSERTs as it goes, linking 小项 to their 大项 and derivations to the nearest source.
 */
async function writeBatch(
  tx: RequestContext,
  plan: CatalogPlan,
  orgs: OrgRow[],
  holders: HolderRow[],
  index: DerivationIndex,
  summary: AssignSummary,
  options: { holdersOnly?: boolean } = {},
): Promise<void> {
  const holdersByOrg = new Map<number, HolderRow[]>();
  const kindOf = new Map(orgs.map((org) => [org.id, org.kind]));
  for (const holder of holders) {
    // The post table decides: a holder whose post does not belong to this kind of organisation gets nothing.
    const kind = kindOf.get(holder.organizationId);
    if (kind === undefined || !POST_ORG_KINDS[holder.postKind].includes(kind)) continue;
    const list = holdersByOrg.get(holder.organizationId);
    if (list) list.push(holder);
    else holdersByOrg.set(holder.organizationId, [holder]);
  }
  const existing = await loadExisting(tx, orgs, plan);
  // Existing organisation duties are derivation sources too (also when only a holder's items are written).
  for (const org of orgs) {
    const have = existing.get(org.id);
    if (!have) continue;
    for (const itemId of plan.sourceItemIds) {
      const row = have.get(itemKey(0, itemId));
      if (row) index.addSource(org.id, itemId, row.id);
    }
  }
  const holdersOf = (org: OrgRow): [number, CatalogItemEntity[]][] => [
    ...(options.holdersOnly ? [] : [[0, plan.orgItems(org.kind)] as [number, CatalogItemEntity[]]]),
    ...(holdersByOrg.get(org.id) ?? []).map((holder): [number, CatalogItemEntity[]] => [holder.appointmentId, plan.postItems(holder.postKind)]),
  ];

  let missing = 0;
  for (const org of orgs) {
    const have = existing.get(org.id);
    for (const [holderKey, items] of holdersOf(org)) for (const item of items) if (!have?.has(itemKey(holderKey, item.id))) missing++;
  }
  let nextId = missing > 0 ? await allocateIds(tx, RESPONSIBILITY_SEQUENCE, missing) : 0;

  const writer = new RowWriter(tx);
  const relinks: number[] = [];
  for (const org of orgs) {
    index.addOrganization(org);
    if (!options.holdersOnly) summary.organizations++;
    const have = existing.get(org.id);
    for (const [holderKey, items] of holdersOf(org)) {
      if (holderKey !== 0) summary.appointments++;
      const idOfItem = new Map<number, number>();
      for (const item of items) {
        const sourceId = item.derivesFromId === null ? null : index.find(org.id, item.derivesFromId, holderKey !== 0);
        const old = have?.get(itemKey(holderKey, item.id));
        const id = old ? old.id : nextId++;
        idOfItem.set(item.id, id);
        if (holderKey === 0 && plan.sourceItemIds.has(item.id)) index.addSource(org.id, item.id, id);
        if (old) {
          summary.existing++;
          if (old.derivedFromId === null && sourceId !== null) relinks.push(old.id, sourceId);
          continue;
        }
        const parentId = item.parentId === null ? null : (idOfItem.get(item.parentId) ?? null);
        await writer.add(id, org.id, holderKey, holderKey === 0 ? null : holderKey, item.id, parentId, sourceId);
        summary.created++;
      }
    }
  }
  await writer.flush();
  await relink(tx, relinks);
  summary.linked += relinks.length / 2;
}

/** Existing responsibilities of the batch's organisations for this catalog's items: organisation → itemKey(holder, item) → row. */
async function loadExisting(tx: RequestContext, orgs: OrgRow[], plan: CatalogPlan): Promise<Map<number, Map<number, ExistingRow>>> {
  const found = new Map<number, Map<number, ExistingRow>>();
  if (plan.itemIds.length === 0) return found;
  const items = new Set(plan.itemIds);
  // By organisation id only, so the unique key (organization_id, holder_key, catalog_item_id)
  // drives the read: filtering on the item in SQL tempts planners into scanning the item
  // index over every organisation's rows. Other catalogs' rows are dropped here.
  const rows: { id: number | string; organization_id: number | string; holder_key: number | string; catalog_item_id: number | string; derived_from_id: number | string | null }[] =
    await tx.em.query(
      `SELECT id, organization_id, holder_key, catalog_item_id, derived_from_id FROM responsibility WHERE organization_id IN (${marks(orgs.length)})`,
      orgs.map((org) => org.id),
    );
  for (const row of rows) {
    const itemId = Number(row.catalog_item_id);
    if (!items.has(itemId)) continue;
    const organizationId = Number(row.organization_id);
    let forOrg = found.get(organizationId);
    if (!forOrg) found.set(organizationId, (forOrg = new Map()));
    forOrg.set(itemKey(Number(row.holder_key), itemId), { id: Number(row.id), derivedFromId: row.derived_from_id === null ? null : Number(row.derived_from_id) });
  }
  return found;
}

/** Collects rows into one flat parameter array and sends a multi-row INSERT per INSERT_CHUNK rows. */
class RowWriter {
  private readonly columns = INSERT_COLUMNS.join(", ");
  private readonly fullSql: string;
  private params: unknown[] = [];

  constructor(private readonly tx: RequestContext) {
    this.fullSql = this.sql(INSERT_CHUNK);
  }

  async add(...row: unknown[]): Promise<void> {
    for (const value of row) this.params.push(value);
    if (this.params.length === INSERT_CHUNK * INSERT_COLUMNS.length) await this.flush();
  }

  async flush(): Promise<void> {
    const rows = this.params.length / INSERT_COLUMNS.length;
    if (rows === 0) return;
    const params = this.params;
    this.params = [];
    try {
      await this.tx.em.query(rows === INSERT_CHUNK ? this.fullSql : this.sql(rows), params);
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictError("the same catalog is being assigned to this subtree concurrently; try again when it has finished");
      throw error;
    }
  }

  private sql(rows: number): string {
    const rowMarks = `(${marks(INSERT_COLUMNS.length)})`;
    return `INSERT INTO responsibility (${this.columns}) VALUES ${new Array<string>(rows).fill(rowMarks).join(", ")}`;
  }
}

/** Flat [id, source, id, source, …]: existing rows that had no derivation get one (never overwriting one). */
async function relink(tx: RequestContext, flatPairs: number[]): Promise<void> {
  for (let start = 0; start < flatPairs.length; start += 1000) {
    const chunk = flatPairs.slice(start, start + 1000);
    const ids = chunk.filter((_, i) => i % 2 === 0);
    await tx.em.query(
      `UPDATE responsibility SET derived_from_id = CASE id ${ids.map(() => "WHEN ? THEN ?").join(" ")} END
       WHERE derived_from_id IS NULL AND id IN (${marks(ids.length)})`,
      [...chunk, ...ids],
    );
  }
}

function marks(count: number): string {
  return new Array<string>(count).fill("?").join(", ");
}

export function isDuplicateKey(error: unknown): boolean {
  const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
  const driverCode = driverError?.code ?? code;
  return driverCode === "ER_DUP_ENTRY" || driverCode === "SQLITE_CONSTRAINT_UNIQUE" || driverCode === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

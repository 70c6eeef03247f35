import { OrganizationEntity, OrgKind, OrgStatus } from "../../entities";
import { CatalogItemEntity, ResponsibilityEntity } from "../../entities/responsibility.entities";
import { BadUserInputError } from "../errors";
import { ancestorIds, isInSubtree, subtreeRange } from "../organization-path";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "../pagination";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { readableOnly, readableScope, requireWritableIn, writer } from "./access";
import { clearResponsibilityLoaders, responsibilityLoaders } from "./loaders";
import { POST_ORG_KINDS } from "./post-kind-rules";
import { ResponsibilityQueryService } from "./responsibility-query.service";

/** One (depth, kind) level of a breakdown. */
export interface DerivationLevel {
  depth: number;
  kind: OrgKind;
  /** Whether organisations of this kind are meant to hold a derived duty (see expectedKinds). */
  expected: boolean;
  organizationCount: number;
  /** Organisations holding the top duty or one derived from it, directly or through others. */
  reachedCount: number;
  /** Expected but not reached: where the chain stops (末端 gaps). */
  gapCount: number;
}

export interface DerivationGap {
  organization: OrganizationEntity;
  /** The nearest ancestor that holds the chain: the chain stops between it and this organisation. */
  lastReached: OrganizationEntity | null;
}

/** Chains are short (the tree is under 20 levels, ×2 for posts); the bound only stops a corrupted loop. */
const MAX_CHAIN = 64;

/**
 * 分解 / 层层传导. A responsibility may derive from one held by an ancestor organisation
 * (a post holder's duty also from its own organisation's collective duty). Chains therefore
 * only ever point up the tree, and a derivation that would close a loop (possible only after
 * a subtree move) is refused.
 *
 * Who may see what (access.ts): everything here is about a responsibility the caller fully
 * reads (NOT_FOUND otherwise); a chain up is cut at the scope, a breakdown down stays in
 * the top duty's subtree, which lies inside the scope.
 *
 * Reads use WITH RECURSIVE over the derived_from index (same SQL on both dialects): up is
 * O(chain length); down and its level counts are O(derived responsibilities + subtree),
 * one statement each, whatever the depth.
 */
export class DerivationService {
  constructor(private readonly responsibilities = new ResponsibilityQueryService()) {}

  /**
   * Sets (or with null clears) what `responsibilityId` derives from. "organization.write" in
   * the target's scope; the source must be visible to the caller as well (one above the
   * scope is NOT_FOUND: such links are made by someone whose scope holds both, or by
   * assignCatalog, which links to the nearest source by the catalog's rule).
   */
  async derive(ctx: RequestContext, responsibilityId: number, fromId: number | null): Promise<ResponsibilityEntity> {
    const actor = await writer(ctx, "organization.write");
    const updated = await inTransaction(ctx, async (tx) => {
      const target = await this.responsibilities.requireById(tx, responsibilityId);
      await requireWritableIn(tx, actor, target.organizationId, "organization.write", `responsibility ${target.id} does not exist`);
      if (fromId !== null) {
        const source = await this.responsibilities.requireById(tx, fromId, "from");
        await checkDerivation(tx, target, source);
      }
      await tx.em.update(ResponsibilityEntity, { id: target.id }, { derivedFromId: fromId });
      return tx.em.findOneByOrFail(ResponsibilityEntity, { id: target.id });
    });
    clearResponsibilityLoaders(ctx);
    return updated;
  }

  /**
   * Up: this responsibility first, then what it derives from, up to the top duty it serves,
   * or to the last one inside the caller's scope: the chain is cut where it leaves the scope
   * (duties above it belong to ancestors, whose names only are visible).
   */
  async chain(ctx: RequestContext, responsibility: ResponsibilityEntity): Promise<ResponsibilityEntity[]> {
    await this.responsibilities.requireVisible(ctx, responsibility);
    const rows: { id: number | string }[] = await ctx.em.query(
      `WITH RECURSIVE up (id, derived_from_id, step) AS (
         SELECT id, derived_from_id, 0 FROM responsibility WHERE id = ?
         UNION ALL
         SELECT r.id, r.derived_from_id, up.step + 1 FROM responsibility r JOIN up ON r.id = up.derived_from_id WHERE up.step < ?
       )
       SELECT id FROM up ORDER BY step`,
      [responsibility.id, MAX_CHAIN],
    );
    const found = await responsibilityLoaders(ctx).responsibilityById.loadMany(rows.map((row) => Number(row.id)));
    const links = found.filter((row): row is ResponsibilityEntity => row instanceof ResponsibilityEntity);
    const visible = new Set(await readableOnly(ctx, links, (row) => row.organizationId));
    const end = links.findIndex((row) => !visible.has(row));
    return end < 0 ? links : links.slice(0, end);
  }

  /** The responsibilities derived directly from this one, by organisation path; those in the caller's scope only. */
  async derivedFrom(ctx: RequestContext, responsibility: ResponsibilityEntity): Promise<ResponsibilityEntity[]> {
    await this.responsibilities.requireVisible(ctx, responsibility);
    const query = ctx.em
      .createQueryBuilder(ResponsibilityEntity, "r")
      .innerJoin(OrganizationEntity, "o", "o.id = r.organization_id")
      .where("r.derived_from_id = :id", { id: responsibility.id });
    const scope = await readableScope(ctx);
    if (scope) query.andWhere("o.path >= :scopeLower AND o.path < :scopeUpper", { scopeLower: scope.lower, scopeUpper: scope.upper });
    return query.orderBy("o.path", "ASC").addOrderBy("r.id", "ASC").getMany();
  }

  /**
   * The organisation kinds meant to hold a derived duty: those whose items (or whose posts'
   * items) break the top item down in its catalog, directly or through other items. When the
   * catalog says nothing (a local item, or an item nothing breaks down), every kind below.
   */
  async expectedKinds(ctx: RequestContext, top: ResponsibilityEntity): Promise<OrgKind[]> {
    await this.responsibilities.requireVisible(ctx, top);
    const topItem = await this.responsibilities.item(ctx, top);
    const items = await ctx.em.find(CatalogItemEntity, { where: { catalogId: topItem.catalogId } });
    const derivedBy = new Map<number, CatalogItemEntity[]>();
    for (const item of items) if (item.derivesFromId !== null) derivedBy.set(item.derivesFromId, [...(derivedBy.get(item.derivesFromId) ?? []), item]);
    const kinds = new Set<OrgKind>();
    const seen = new Set<number>([topItem.id]);
    const queue = [topItem.id];
    while (queue.length > 0) {
      for (const item of derivedBy.get(queue.shift()!) ?? []) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        queue.push(item.id);
        if (item.subjectOrgKind) kinds.add(item.subjectOrgKind);
        if (item.subjectPostKind) for (const kind of POST_ORG_KINDS[item.subjectPostKind]) kinds.add(kind);
      }
    }
    const all = Object.values(OrgKind);
    return kinds.size > 0 ? all.filter((kind) => kinds.has(kind)) : all;
  }

  /** Down: per (depth, kind) of the top organisation's subtree, how far the duty has been broken down. */
  async levels(ctx: RequestContext, top: ResponsibilityEntity, kinds?: OrgKind[] | null): Promise<DerivationLevel[]> {
    const expected = new Set(kinds && kinds.length > 0 ? kinds : await this.expectedKinds(ctx, top));
    const organization = await this.organization(ctx, top);
    const { lower, upper } = subtreeRange(organization.path);
    const rows: { depth: number | string; kind: OrgKind; total: number | string; reached: number | string | null }[] = await ctx.em.query(
      `${DOWN}
       SELECT o.depth, o.kind, COUNT(*) AS total, SUM(CASE WHEN reached.organization_id IS NULL THEN 0 ELSE 1 END) AS reached
       FROM organization o LEFT JOIN (SELECT DISTINCT organization_id FROM down) reached ON reached.organization_id = o.id
       WHERE o.path >= ? AND o.path < ? AND o.status = ?
       GROUP BY o.depth, o.kind`,
      [top.id, MAX_CHAIN, lower, upper, OrgStatus.ACTIVE],
    );
    const order = Object.values(OrgKind);
    return rows
      .map((row) => {
        const total = Number(row.total);
        const reached = Number(row.reached ?? 0);
        const isExpected = expected.has(row.kind) && Number(row.depth) > organization.depth;
        return { depth: Number(row.depth), kind: row.kind, expected: isExpected, organizationCount: total, reachedCount: reached, gapCount: isExpected ? total - reached : 0 };
      })
      .sort((a, b) => a.depth - b.depth || order.indexOf(a.kind) - order.indexOf(b.kind));
  }

  /** The gaps as a list, in path order (tree pre-order), each with the last organisation above it that holds the chain. */
  async gaps(ctx: RequestContext, top: ResponsibilityEntity, request: PageRequest, kinds?: OrgKind[] | null): Promise<Page<DerivationGap>> {
    const size = pageSize(request.first);
    const cursorKind = `gaps:${top.id}`;
    const after = decodeCursor(cursorKind, request.after);
    const organization = await this.organization(ctx, top);
    const expected = kinds && kinds.length > 0 ? kinds : await this.expectedKinds(ctx, top);
    const { sql, params } = gapQuery(top, organization, expected, after);
    const rows: { id: number | string }[] = await ctx.em.query(`${sql} ORDER BY o.path LIMIT ?`, [...params, size + 1]);
    const orgs = (await responsibilityOrgs(ctx, rows.map((row) => Number(row.id)))).slice(0, size + 1);
    // Which ancestors of this page hold the chain: one statement for the whole page.
    const ancestors = [...new Set(orgs.flatMap((org) => ancestorIds(org.path)))];
    const reached = new Set<number>();
    if (ancestors.length > 0) {
      const held: { organization_id: number | string }[] = await ctx.em.query(
        `${DOWN} SELECT DISTINCT organization_id FROM down WHERE organization_id IN (${ancestors.map(() => "?").join(", ")})`,
        [top.id, MAX_CHAIN, ...ancestors],
      );
      for (const row of held) reached.add(Number(row.organization_id));
    }
    const nearest = orgs.map((org) => ancestorIds(org.path).reverse().find((id) => reached.has(id)) ?? null);
    // Inside the top duty's subtree, hence the scope; filtered all the same, as a chain bent by a move could reach elsewhere.
    const reachedOrgs = await responsibilityOrgs(ctx, [...new Set(nearest.filter((id): id is number => id !== null))]);
    const lastReached = new Map((await readableOnly(ctx, reachedOrgs, (org) => org.id)).map((org) => [org.id, org]));
    const gaps: DerivationGap[] = orgs.map((org, i) => ({ organization: org, lastReached: nearest[i] === null ? null : (lastReached.get(nearest[i]!) ?? null) }));
    return toPage(gaps, size, after, (gap) => encodeCursor(cursorKind, gap.organization.path));
  }

  async gapCount(ctx: RequestContext, top: ResponsibilityEntity, kinds?: OrgKind[] | null): Promise<number> {
    const organization = await this.organization(ctx, top);
    const expected = kinds && kinds.length > 0 ? kinds : await this.expectedKinds(ctx, top);
    const { sql, params } = gapQuery(top, organization, expected, null);
    const [{ n }] = await ctx.em.query(`SELECT COUNT(*) AS n FROM (${sql}) gaps`, params);
    return Number(n);
  }

  /** The top duty's organisation; NOT_FOUND unless the caller fully reads it (so its whole subtree is in the scope). */
  private async organization(ctx: RequestContext, responsibility: ResponsibilityEntity): Promise<OrganizationEntity> {
    await this.responsibilities.requireVisible(ctx, responsibility);
    const found = await ctx.loaders.organizationById.load(responsibility.organizationId);
    if (!found) throw new Error(`organisation ${responsibility.organizationId} of responsibility ${responsibility.id} is missing`);
    return found;
  }
}

/** The top responsibility and everything derived from it, transitively; parameters: top id, bound. */
const DOWN = `WITH RECURSIVE down (id, organization_id, step) AS (
  SELECT id, organization_id, 0 FROM responsibility WHERE id = ?
  UNION ALL
  SELECT r.id, r.organization_id, down.step + 1 FROM responsibility r JOIN down ON r.derived_from_id = down.id WHERE down.step < ?
)`;

function gapQuery(top: ResponsibilityEntity, organization: OrganizationEntity, kinds: OrgKind[], afterPath: string | null) {
  const { lower, upper } = subtreeRange(organization.path);
  const sql = `${DOWN}
    SELECT o.id, o.path FROM organization o LEFT JOIN (SELECT DISTINCT organization_id FROM down) reached ON reached.organization_id = o.id
    WHERE o.path > ? AND o.path < ? AND o.status = ? AND reached.organization_id IS NULL
      AND o.kind IN (${kinds.map(() => "?").join(", ")})${afterPath === null ? "" : " AND o.path > ?"}`;
  return { sql, params: [top.id, MAX_CHAIN, lower, upper, OrgStatus.ACTIVE, ...kinds, ...(afterPath === null ? [] : [afterPath])] };
}

async function responsibilityOrgs(ctx: RequestContext, ids: number[]): Promise<OrganizationEntity[]> {
  const found = await ctx.loaders.organizationById.loadMany(ids);
  return found.filter((row): row is OrganizationEntity => row instanceof OrganizationEntity);
}

/**
 * The derivation rule: the source is held by a strict ancestor organisation, or, for a post
 * holder's duty, is its own organisation's collective duty; and following the source's
 * chain up never comes back to the target.
 */
export async function checkDerivation(tx: RequestContext, target: ResponsibilityEntity, source: ResponsibilityEntity): Promise<void> {
  const [targetOrg, sourceOrg] = await Promise.all([
    tx.loaders.organizationById.load(target.organizationId),
    tx.loaders.organizationById.load(source.organizationId),
  ]);
  if (!targetOrg || !sourceOrg) throw new Error("a responsibility's organisation is missing");
  const ownCollectiveDuty = target.holderKey !== 0 && source.organizationId === target.organizationId && source.holderKey === 0;
  const fromAncestor = sourceOrg.id !== targetOrg.id && isInSubtree(targetOrg.path, sourceOrg.path);
  if (!ownCollectiveDuty && !fromAncestor) {
    const reason =
      source.id === target.id
        ? "a responsibility cannot derive from itself"
        : `responsibility ${source.id} belongs to ${sourceOrg.code}, which is not an ancestor of ${targetOrg.code}: a duty derives from one held above it`;
    throw new BadUserInputError(reason, [{ column: "fromId", reason: "not held by an ancestor" }]);
  }
  const up: { id: number | string }[] = await tx.em.query(
    `WITH RECURSIVE up (id, derived_from_id, step) AS (
       SELECT id, derived_from_id, 0 FROM responsibility WHERE id = ?
       UNION ALL
       SELECT r.id, r.derived_from_id, up.step + 1 FROM responsibility r JOIN up ON r.id = up.derived_from_id WHERE up.step < ?
     )
     SELECT id FROM up`,
    [source.id, MAX_CHAIN],
  );
  if (up.some((row) => Number(row.id) === target.id)) {
    throw new BadUserInputError(`responsibility ${source.id} already derives from ${target.id}: the derivation would close a loop`, [{ column: "fromId", reason: "loop" }]);
  }
}

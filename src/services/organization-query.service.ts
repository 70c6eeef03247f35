import { Brackets, type SelectQueryBuilder } from "typeorm";
import { OrganizationEntity, OrgStatus, type AdminLevel, type OrgKind } from "../entities";
import { readableRange, requireFullRead, visibleOrNull } from "./auth/organization-access";
import { NotFoundError } from "./errors";
import { ancestorIds, subtreeRange } from "./organization-path";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "./pagination";
import type { RequestContext } from "./request-context";

export interface OrganizationFilter {
  kind?: OrgKind | null;
  level?: AdminLevel | null;
  regionCode?: string | null;
  nameContains?: string | null;
  /** Limit to this organisation's subtree (itself included). */
  underId?: number | null;
  /** ACTIVE unless asked: dissolved organisations are kept for history, not shown by default. */
  status?: OrgStatus | null;
}

/**
 * What a cursor belongs to. A children or descendants cursor names its organisation, so a
 * cursor handed to another connection (or another organisation's) is refused instead of
 * silently paging from an unrelated position.
 */
const LIST_CURSOR = "organizations";
const childrenCursor = (organization: OrganizationEntity) => `children:${organization.id}`;
const descendantsCursor = (organization: OrganizationEntity) => `descendants:${organization.id}`;

/** LIKE's escape character: "!" reads the same to SQLite and MySQL-family engines, where a backslash is also a string-literal escape. */
const LIKE_ESCAPE = "!";

/**
 * Reads of the tree. Every subtree read is a range on the unique path index; children
 * pages and counts go through the request's loaders so a nested query costs one
 * statement per level, not per node.
 */
export class OrganizationQueryService {
  /** Null when unknown or outside what the caller may see (the two are not told apart). */
  async byId(ctx: RequestContext, id: number): Promise<OrganizationEntity | null> {
    return visibleOrNull(ctx, await ctx.loaders.organizationById.load(id));
  }

  /** Trimmed as on every write, so a lookup does not depend on the collation's PAD SPACE rule. */
  async byCode(ctx: RequestContext, code: string): Promise<OrganizationEntity | null> {
    const found = await ctx.em.findOneBy(OrganizationEntity, { code: code.trim() });
    if (found) ctx.loaders.organizationById.prime(found.id, found);
    return visibleOrNull(ctx, found);
  }

  async requireById(ctx: RequestContext, id: number, role = "organisation"): Promise<OrganizationEntity> {
    const found = await this.byId(ctx, id);
    if (!found) throw new NotFoundError(`${role}: organisation ${id} does not exist`);
    return found;
  }

  /** Visible whenever the organisation is: a parent is in the scope or one of its ancestors. */
  async parent(ctx: RequestContext, organization: OrganizationEntity): Promise<OrganizationEntity | null> {
    return organization.parentId === null ? null : this.byId(ctx, organization.parentId);
  }

  /** Root first, without the organisation itself; one batched statement for all nodes of a request. */
  async ancestors(ctx: RequestContext, organization: OrganizationEntity): Promise<OrganizationEntity[]> {
    const found = await ctx.loaders.organizationById.loadMany(ancestorIds(organization.path));
    const rows = found.filter((row): row is OrganizationEntity => row instanceof OrganizationEntity);
    const visible = await Promise.all(rows.map((row) => visibleOrNull(ctx, row)));
    return visible.filter((row): row is OrganizationEntity => row !== null);
  }

  /** Active children by code ascending (byte order). */
  async children(ctx: RequestContext, organization: OrganizationEntity, request: PageRequest): Promise<Page<OrganizationEntity>> {
    await requireFullRead(ctx, organization);
    const size = pageSize(request.first);
    const cursorKind = childrenCursor(organization);
    const afterCode = decodeCursor(cursorKind, request.after);
    const rows = await ctx.loaders.childrenPage.load({ parentId: organization.id, limit: size + 1, afterCode });
    return toPage(rows, size, afterCode, (row) => encodeCursor(cursorKind, row.code));
  }

  async childCount(ctx: RequestContext, organization: OrganizationEntity): Promise<number> {
    await requireFullRead(ctx, organization);
    return ctx.loaders.activeChildCount.load(organization.id);
  }

  /** Whole-forest search, by code ascending. */
  async list(ctx: RequestContext, filter: OrganizationFilter, request: PageRequest): Promise<Page<OrganizationEntity>> {
    const size = pageSize(request.first);
    const afterCode = decodeCursor(LIST_CURSOR, request.after);
    const query = await this.filtered(ctx, filter);
    if (afterCode !== null) query.andWhere("o.code > :afterCode", { afterCode });
    const rows = await query.orderBy("o.code", "ASC").limit(size + 1).getMany();
    return toPage(rows, size, afterCode, (row) => encodeCursor(LIST_CURSOR, row.code));
  }

  async count(ctx: RequestContext, filter: OrganizationFilter): Promise<number> {
    return (await this.filtered(ctx, filter)).getCount();
  }

  /**
   * Descendants without the organisation itself, in path order: a depth-first pre-order
   * walk with siblings in creation order. Path order is stable and keyset-paginated.
   */
  async descendants(
    ctx: RequestContext,
    organization: OrganizationEntity,
    filter: OrganizationFilter,
    request: PageRequest,
  ): Promise<Page<OrganizationEntity>> {
    await requireFullRead(ctx, organization);
    const size = pageSize(request.first);
    const cursorKind = descendantsCursor(organization);
    const afterPath = decodeCursor(cursorKind, request.after);
    const query = await this.descendantQuery(ctx, organization, filter);
    if (afterPath !== null) query.andWhere("o.path > :afterPath", { afterPath });
    const rows = await query.orderBy("o.path", "ASC").limit(size + 1).getMany();
    return toPage(rows, size, afterPath, (row) => encodeCursor(cursorKind, row.path));
  }

  async descendantCount(ctx: RequestContext, organization: OrganizationEntity, filter: OrganizationFilter): Promise<number> {
    await requireFullRead(ctx, organization);
    return (await this.descendantQuery(ctx, organization, filter)).getCount();
  }

  private async descendantQuery(ctx: RequestContext, organization: OrganizationEntity, filter: OrganizationFilter) {
    const query = await this.filtered(ctx, filter);
    return query.andWhere("o.path > :self AND o.path < :subtreeEnd", {
      self: organization.path,
      subtreeEnd: subtreeRange(organization.path).upper,
    });
  }

  private async filtered(ctx: RequestContext, filter: OrganizationFilter): Promise<SelectQueryBuilder<OrganizationEntity>> {
    const query = ctx.em
      .createQueryBuilder(OrganizationEntity, "o")
      .where("o.status = :status", { status: filter.status ?? OrgStatus.ACTIVE });
    if (filter.kind) query.andWhere("o.kind = :kind", { kind: filter.kind });
    if (filter.level) query.andWhere("o.level = :level", { level: filter.level });
    if (filter.regionCode) query.andWhere("o.region_code = :regionCode", { regionCode: filter.regionCode.trim() });
    if (filter.nameContains) {
      // Escape LIKE's wildcards so a name with % or _ is searched literally.
      const needle = filter.nameContains.trim().replace(/[!%_]/g, (c) => LIKE_ESCAPE + c);
      query.andWhere(new Brackets((q) => q.where(`o.name LIKE :needle ESCAPE '${LIKE_ESCAPE}'`, { needle: `%${needle}%` })));
    }
    if (filter.underId != null) {
      const root = await this.requireById(ctx, filter.underId, "under");
      const { lower, upper } = subtreeRange(root.path);
      query.andWhere("o.path >= :lower AND o.path < :upper", { lower, upper });
    }
    // Connections never count or list what lies outside the caller's scope.
    const scope = await readableRange(ctx);
    if (scope) query.andWhere("o.path >= :scopeLower AND o.path < :scopeUpper", { scopeLower: scope.lower, scopeUpper: scope.upper });
    return query;
  }
}

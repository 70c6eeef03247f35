import { OrganizationEntity, OrgKind, OrgStatus, type AssessmentPeriodEntity } from "../../entities";
import { AssessmentEntity, Grade, ScoreRollupEntity } from "../../entities/assessment.entities";
import { PostKind } from "../../entities/responsibility-enums";
import { byPrimaryKey } from "../../loaders/hydrate";
import { scoringLoaders } from "../../loaders/scoring-loaders";
import { readAccess, scopeRange } from "../auth/authorization";
import { requireFullRead } from "../auth/organization-access";
import { requireActor } from "../auth/request-auth";
import { BadUserInputError, NotFoundError } from "../errors";
import { idsOnPath, subtreeRange } from "../organization-path";
import { pageSize } from "../pagination";
import { parsePeriodCode } from "../period/period-code";
import type { RequestContext } from "../request-context";
import {
  compareAttenuationDescending,
  compareCodes,
  differenceOfMeans,
  EMPTY_FIGURES,
  meanOfHundredths,
  rollupView,
  type RollupFigures,
  type RollupMethod,
  type ScoreRollupView,
} from "./rollup-view";
import { attenuation } from "./rollup-view";
import { andThen } from "../maybe-async";

export enum LevelGrouping {
  KIND = "KIND",
  DEPTH = "DEPTH",
}

export interface PressureLinkView {
  organization: OrganizationEntity;
  ownScore: number | null;
  dropFromParent: number | null;
}

export interface LevelStatView {
  kind: OrgKind | null;
  depth: number | null;
  organizationCount: number;
  assessedCount: number;
  averageScore: number | null;
}

export interface HotspotView {
  organization: OrganizationEntity;
  ownScore: number;
  childrenAverage: number;
  attenuation: number;
  childrenAssessedCount: number;
}

export interface RankedView {
  rank: number;
  organization: OrganizationEntity;
  score: number;
  grade: Grade;
}

export interface GroupFiguresView {
  label: string;
  members: string[];
  /** Organisations of the group in the subtree; null for post holders (only assessed ones are known). */
  organizationCount: number | null;
  assessedCount: number;
  averageScore: number | null;
}

export interface ComparisonView {
  upper: GroupFiguresView;
  lower: GroupFiguresView;
  /** upper − lower: positive when the lower group is weaker (上面实、下面弱). */
  difference: number | null;
}

export interface TransmissionReportView {
  period: AssessmentPeriodEntity;
  under: OrganizationEntity | null;
  upperLevelsVsBranches: ComparisonView;
  committeesVsPartyGroups: ComparisonView;
  secretariesVsMembers: ComparisonView;
}

export interface SubtreeQuery {
  period: AssessmentPeriodEntity;
  under: OrganizationEntity | null;
  kind?: OrgKind | null;
  first?: number | null;
}

/**
 * "三实三弱" groups (DOMAIN.md §3). Upper levels are the committees and party groups of the
 * organs; the grass roots are general branches and branches. Secretaries are the posts that
 * carry the first-person duty (书记第一责任人); the other leadership members are the party
 * group's other members (一岗双责). The discipline secretary carries the supervisory duty,
 * a different line of pressure, and is in neither group. The members of each group are in
 * the answer, so a reader sees exactly what was compared.
 */
const UPPER_LEVEL_KINDS = [OrgKind.LOCAL_COMMITTEE, OrgKind.WORKING_COMMITTEE, OrgKind.PARTY_GROUP, OrgKind.ORGAN_COMMITTEE, OrgKind.DISCIPLINE_COMMITTEE];
const GRASS_ROOTS_KINDS = [OrgKind.GENERAL_BRANCH, OrgKind.BRANCH];
const COMMITTEE_KINDS = [OrgKind.LOCAL_COMMITTEE, OrgKind.WORKING_COMMITTEE];
const PARTY_GROUP_KINDS = [OrgKind.PARTY_GROUP];
const SECRETARY_POSTS = [
  PostKind.LOCAL_SECRETARY,
  PostKind.WORKING_COMMITTEE_SECRETARY,
  PostKind.PARTY_GROUP_SECRETARY,
  PostKind.ORGAN_COMMITTEE_SECRETARY,
  PostKind.BRANCH_SECRETARY,
];
const MEMBER_POSTS = [PostKind.PARTY_GROUP_MEMBER];

const KIND_ORDER = Object.values(OrgKind);

/** Where a period's subtree query reads: its rows (a snapshot of its tree), the live tree (no rows yet), or nothing. */
type Scope =
  /** `size`: organisations in the range (from the root's stored row); null for the whole period. */
  | { source: "rows"; range: { lower: string; upper: string } | null; size: number | null }
  | { source: "tree"; range: { lower: string; upper: string } | null }
  | { source: "none" };

/**
 * The pressure-transmission reads (DOMAIN.md §3, §6). A roll-up is one stored row; a
 * chain is the organisation's ancestors and their own scores through per-request loaders;
 * level profiles, hot spots, rankings and the report are SQL over one index range of the
 * period's rows (period_id, path), so a closed period answers from its frozen snapshot.
 */
export class PressureQueryService {
  /**
   * A score field's period: unknown → NOT_FOUND, malformed → BAD_USER_INPUT. Synchronous once
   * this request has found it (every node of a browse names it).
   */
  requirePeriod(ctx: RequestContext, code: string): AssessmentPeriodEntity | Promise<AssessmentPeriodEntity> {
    return scoringLoaders(ctx).foundPeriods.get(code) ?? this.findPeriod(ctx, code);
  }

  private async findPeriod(ctx: RequestContext, code: string): Promise<AssessmentPeriodEntity> {
    const loaders = scoringLoaders(ctx);
    if (!parsePeriodCode(code)) {
      throw new BadUserInputError(`"${code}" is not a period code: use YYYY, YYYY-H1, YYYY-H2 or YYYY-Q1 … YYYY-Q4`, [
        { column: "period", reason: "malformed period code" },
      ]);
    }
    const period = await loaders.periodByCode.load(code);
    if (!period) throw new NotFoundError(`assessment period ${code} does not exist`);
    loaders.foundPeriods.set(code, period);
    return period;
  }

  assessment(ctx: RequestContext, organization: OrganizationEntity, period: AssessmentPeriodEntity): Promise<AssessmentEntity | null> {
    const load = () => scoringLoaders(ctx).assessment.load({ periodId: period.id, organizationId: organization.id });
    // Without an await when the check is synchronous: this runs for every node of a browse.
    const checking = requireFullRead(ctx, organization);
    return checking ? checking.then(load) : load();
  }

  /** O(1) rows: the organisation's stored row (or, before the period's first score, its live subtree count). */
  rollup(ctx: RequestContext, organization: OrganizationEntity, period: AssessmentPeriodEntity, method: RollupMethod): Promise<ScoreRollupView> {
    return Promise.resolve(andThen(requireFullRead(ctx, organization), () => this.storedRollup(ctx, organization, period, method)));
  }

  private async storedRollup(ctx: RequestContext, organization: OrganizationEntity, period: AssessmentPeriodEntity, method: RollupMethod): Promise<ScoreRollupView> {
    const loaders = scoringLoaders(ctx);
    // Both loads in the same tick, so every node of a level joins the same two batches.
    const [built, row] = await Promise.all([
      loaders.rollupBuilt.load(period.id),
      loaders.scoreRollup.load({ periodId: period.id, organizationId: organization.id }),
    ]);
    if (built) return rollupView(row ? figuresOf(row) : EMPTY_FIGURES, method);
    const organizationCount = organization.status === OrgStatus.ACTIVE ? await loaders.activeSubtreeCount.load(organization.path) : 0;
    return rollupView({ ...EMPTY_FIGURES, organizationCount }, method);
  }

  /** Root first, ending with the organisation; its place in the period's tree (a closed period keeps the old chain). */
  /**
   * Links above the caller's scope keep their organisation (its name is readable for
   * breadcrumbs, DOMAIN.md §5) but not their score: ownScore and the drops that need it are null.
   */
  async pressureChain(ctx: RequestContext, organization: OrganizationEntity, period: AssessmentPeriodEntity): Promise<PressureLinkView[]> {
    await requireFullRead(ctx, organization);
    const actor = await requireActor(ctx);
    const loaders = scoringLoaders(ctx);
    const [built, row] = await Promise.all([
      loaders.rollupBuilt.load(period.id),
      loaders.scoreRollup.load({ periodId: period.id, organizationId: organization.id }),
    ]);
    const ids = idsOnPath(built && row ? row.path : organization.path);
    const [organizations, assessments] = await Promise.all([
      ctx.loaders.organizationById.loadMany(ids),
      loaders.assessment.loadMany(ids.map((organizationId) => ({ periodId: period.id, organizationId }))),
    ]);
    const links: PressureLinkView[] = [];
    let parentScore: number | null = null;
    ids.forEach((_, index) => {
      const found = organizations[index];
      const assessment = assessments[index];
      if (found instanceof Error) throw found;
      if (assessment instanceof Error) throw assessment;
      if (!found) return;
      const own = readAccess(actor, found.path) === "FULL" ? (assessment?.scoreHundredths ?? null) : null;
      links.push({
        organization: found,
        ownScore: own === null ? null : own / 100,
        dropFromParent: index === 0 || own === null || parentScore === null ? null : (parentScore - own) / 100,
      });
      parentScore = own;
    });
    return links;
  }

  async levelProfile(ctx: RequestContext, organization: OrganizationEntity, period: AssessmentPeriodEntity, by: LevelGrouping): Promise<LevelStatView[]> {
    await requireFullRead(ctx, organization);
    const scope = await this.scope(ctx, period, organization);
    const column = by === LevelGrouping.KIND ? "kind" : "depth";
    const rows = await groupedCounts(ctx, period, scope, column);
    const stats = rows.map((row) => ({
      kind: by === LevelGrouping.KIND ? (row.g as OrgKind) : null,
      depth: by === LevelGrouping.DEPTH ? Number(row.g) : null,
      organizationCount: Number(row.n),
      assessedCount: Number(row.assessed),
      averageScore: meanOfHundredths(Number(row.total ?? 0), Number(row.assessed)),
    }));
    return by === LevelGrouping.KIND
      ? stats.sort((a, b) => KIND_ORDER.indexOf(a.kind!) - KIND_ORDER.indexOf(b.kind!))
      : stats.sort((a, b) => a.depth! - b.depth!);
  }

  /**
   * Assessed organisations with at least one assessed child, by attenuation descending,
   * ties by code. The index on (period_id, attenuation_key) finds the `first`-th largest key;
   * every row at or above it is then ordered exactly (the key is a floor of the exact value,
   * so only rows sharing a key can be out of order, and they are all fetched).
   */
  async hotspots(ctx: RequestContext, query: SubtreeQuery): Promise<HotspotView[]> {
    const first = pageSize(query.first);
    const scope = await this.readableScope(ctx, query.period, query.under);
    if (scope.source !== "rows") return [];
    const { where, params } = rowFilter(query.period, scope, query.kind, "attenuation_key IS NOT NULL");
    const table = topTable(ctx, scope, query.kind ? "idx_score_rollup_kind_attenuation" : "idx_score_rollup_attenuation");
    const threshold: { k: number | string }[] = await ctx.em.query(
      `SELECT attenuation_key AS k FROM ${table} WHERE ${where} ORDER BY attenuation_key DESC LIMIT 1 OFFSET ${first - 1}`,
      params,
    );
    const atLeast = threshold.length > 0 ? " AND attenuation_key >= ?" : "";
    const rows: RawRow[] = await ctx.em.query(
      `SELECT organization_id, code, own_score, children_assessed_count, children_score_sum FROM ${table} WHERE ${where}${atLeast}`,
      threshold.length > 0 ? [...params, threshold[0].k] : params,
    );
    const candidates = rows.map((row) => ({
      id: Number(row.organization_id),
      code: row.code,
      own: Number(row.own_score),
      childrenCount: Number(row.children_assessed_count),
      childrenSum: Number(row.children_score_sum),
    }));
    candidates.sort((a, b) => compareAttenuationDescending(a, b) || compareCodes(a.code, b.code));
    const top = candidates.slice(0, first);
    const organizations = await this.organizations(ctx, top.map((c) => c.id));
    return top.map((c, index) => ({
      organization: organizations[index],
      ownScore: c.own / 100,
      childrenAverage: c.childrenSum / (100 * c.childrenCount),
      attenuation: attenuation(c.own, c.childrenCount, c.childrenSum),
      childrenAssessedCount: c.childrenCount,
    }));
  }

  /** Assessed organisations by own score descending; ties share a rank (1, 2, 2, 4) and are ordered by code. */
  async rankings(ctx: RequestContext, query: SubtreeQuery): Promise<RankedView[]> {
    const first = pageSize(query.first);
    const scope = await this.readableScope(ctx, query.period, query.under);
    if (scope.source !== "rows") return [];
    const { where, params } = rowFilter(query.period, scope, query.kind, "own_score IS NOT NULL");
    const table = topTable(ctx, scope, query.kind ? "idx_score_rollup_kind_score" : "idx_score_rollup_own_score");
    const threshold: { s: number | string }[] = await ctx.em.query(
      `SELECT own_score AS s FROM ${table} WHERE ${where} ORDER BY own_score DESC LIMIT 1 OFFSET ${first - 1}`,
      params,
    );
    const atLeast = threshold.length > 0 ? " AND own_score >= ?" : "";
    const rows: RawRow[] = await ctx.em.query(
      `SELECT organization_id, code, own_score, own_grade FROM ${table} WHERE ${where}${atLeast}`,
      threshold.length > 0 ? [...params, threshold[0].s] : params,
    );
    const ranked = rows
      .map((row) => ({ id: Number(row.organization_id), code: row.code, score: Number(row.own_score), grade: row.own_grade as Grade }))
      .sort((a, b) => b.score - a.score || compareCodes(a.code, b.code))
      .slice(0, first);
    const organizations = await this.organizations(ctx, ranked.map((r) => r.id));
    let rank = 0;
    return ranked.map((r, index) => {
      if (index === 0 || r.score !== ranked[index - 1].score) rank = index + 1;
      return { rank, organization: organizations[index], score: r.score / 100, grade: r.grade };
    });
  }

  /** The "三实三弱" comparison over a subtree (or the forest): each as two means, their difference and the counts. */
  async transmissionReport(ctx: RequestContext, period: AssessmentPeriodEntity, under: OrganizationEntity | null): Promise<TransmissionReportView> {
    const scope = await this.readableScope(ctx, period, under);
    const byKind = new Map((await groupedCounts(ctx, period, scope, "kind")).map((row) => [row.g as string, row]));
    const byPost = new Map((await postCounts(ctx, period, scope)).map((row) => [row.g as string, row]));
    const orgGroup = (label: string, kinds: OrgKind[]): Totals & { label: string; members: string[] } => {
      const totals = sumGroups(kinds.map((kind) => byKind.get(kind)));
      return { label, members: kinds, ...totals };
    };
    const postGroup = (label: string, posts: PostKind[]) => {
      const totals = sumGroups(posts.map((post) => byPost.get(post)));
      return { label, members: posts, ...totals, organizationCount: null };
    };
    return {
      period,
      under,
      upperLevelsVsBranches: compare(orgGroup("上级机关 upper levels", UPPER_LEVEL_KINDS), orgGroup("基层支部 grass-roots branches", GRASS_ROOTS_KINDS)),
      committeesVsPartyGroups: compare(
        orgGroup("地方党委和机关工委 local and working committees", COMMITTEE_KINDS),
        orgGroup("部门党组 department party groups", PARTY_GROUP_KINDS),
      ),
      secretariesVsMembers: compare(postGroup("书记 secretaries", SECRETARY_POSTS), postGroup("班子其他成员 other leadership members", MEMBER_POSTS)),
    };
  }

  /**
   * The range a subtree-wide read covers, cut to the caller's scope (DOMAIN.md §5): `under`
   * must be visible (its scope or an ancestor of it: then the scope is what is read), and
   * without `under` a scoped caller reads its own subtree. Subtrees nest or are disjoint,
   * so the intersection is one of the two ranges or nothing.
   */
  private async readableScope(ctx: RequestContext, period: AssessmentPeriodEntity, under: OrganizationEntity | null): Promise<Scope> {
    const actor = await requireActor(ctx);
    if (under && readAccess(actor, under.path) === "NONE") throw new NotFoundError(`under: organisation ${under.id} does not exist`);
    const scope = await this.scope(ctx, period, under);
    const allowed = scopeRange(actor);
    if (scope.source === "none" || allowed === null) return scope;
    const narrowed = async (): Promise<Scope> => {
      if (scope.source !== "rows") return { ...scope, range: allowed };
      // The size of the scope's own subtree, for the choice of index (topTable).
      const row = actor.scopeOrganizationId === null ? null : await scoringLoaders(ctx).scoreRollup.load({ periodId: period.id, organizationId: actor.scopeOrganizationId });
      return { ...scope, range: allowed, size: row?.organizationCount ?? null };
    };
    if (scope.range === null) return narrowed();
    if (scope.range.lower >= allowed.lower && scope.range.lower < allowed.upper) return scope;
    if (allowed.lower >= scope.range.lower && allowed.lower < scope.range.upper) return narrowed();
    return { source: "none" };
  }

  private async scope(ctx: RequestContext, period: AssessmentPeriodEntity, organization: OrganizationEntity | null): Promise<Scope> {
    const loaders = scoringLoaders(ctx);
    if (await loaders.rollupBuilt.load(period.id)) {
      if (!organization) return { source: "rows", range: null, size: null };
      const row = await loaders.scoreRollup.load({ periodId: period.id, organizationId: organization.id });
      if (!row) return { source: "none" };
      // A root holding the whole period (one tree): no range at all, so the engines can use
      // the (period, kind, …) indexes for a whole-period read.
      if (row.parentId === null && row.organizationCount === (await periodSize(ctx, period))) return { source: "rows", range: null, size: null };
      return { source: "rows", range: subtreeRange(row.path), size: row.organizationCount };
    }
    if (!organization) return { source: "tree", range: null };
    return organization.status === OrgStatus.ACTIVE ? { source: "tree", range: subtreeRange(organization.path) } : { source: "none" };
  }

  private async organizations(ctx: RequestContext, ids: number[]): Promise<OrganizationEntity[]> {
    const found = await ctx.loaders.organizationById.loadMany(ids);
    return found.map((row, index) => {
      if (!(row instanceof OrganizationEntity)) throw new Error(`organisation ${ids[index]} of a roll-up row is missing`);
      return row;
    });
  }
}

interface RawRow {
  organization_id: number | string;
  code: string;
  own_score: number | string | null;
  own_grade?: string | null;
  children_assessed_count?: number | string;
  children_score_sum?: number | string;
}

interface GroupRow {
  g: string | number;
  n: number | string;
  assessed: number | string;
  total: number | string | null;
}

interface Totals {
  organizationCount: number | null;
  assessedCount: number;
  sum: number;
}

export function figuresOf(row: ScoreRollupEntity): RollupFigures {
  return {
    organizationCount: row.organizationCount,
    assessedCount: row.assessedCount,
    scoreSum: Number(row.scoreSum),
    minScore: row.minScore,
    maxScore: row.maxScore,
    grades: { EXCELLENT: row.excellentCount, GOOD: row.goodCount, FAIR: row.fairCount, POOR: row.poorCount },
    ownScore: row.ownScore,
    childrenAssessedCount: row.childrenAssessedCount,
    childrenScoreSum: Number(row.childrenScoreSum),
    mocValue: row.mocValue === null ? null : Number(row.mocValue),
  };
}

/** Rows of a period: the organisations of its roots' subtrees (one indexed read of the root rows). */
async function periodSize(ctx: RequestContext, period: AssessmentPeriodEntity): Promise<number> {
  const [{ n }] = await ctx.em.query("SELECT COALESCE(SUM(organization_count), 0) AS n FROM score_rollup WHERE period_id = ? AND parent_id IS NULL", [period.id]);
  return Number(n);
}

/** Subtrees at least this large read a top-N in score (or attenuation) order; smaller ones by their path range. */
const LARGE_SUBTREE = 5000;

/**
 * The table with an index hint for a top-N read. The planners cannot know how much of the
 * period a path range covers, and pick badly both ways (a full scan and sort of a whole
 * province, or a walk down the whole period's score index for a small county); the
 * subtree's size is on its stored row, so the choice is made here. Walking the ordering
 * index visits about first / (share of the period in the subtree) entries.
 */
function topTable(ctx: RequestContext, scope: Scope & { source: "rows" }, orderingIndex: string): string {
  const index = scope.range === null || scope.size === null || scope.size >= LARGE_SUBTREE ? orderingIndex : "uq_score_rollup_path";
  return pinned(ctx, "score_rollup", index);
}

/**
 * A table read through the named index. A subtree's rows are one range of the path index;
 * MariaDB would rather walk a (period, kind, …) index in group order over the whole period
 * (116 ms instead of 4 for a city of 8,000 rows, measured), so grouped range reads pin it.
 */
function pinned(ctx: RequestContext, table: string, index: string): string {
  return ctx.dialect === "mysql" ? `${table} FORCE INDEX (${index})` : `${table} INDEXED BY ${index}`;
}

function rowFilter(period: AssessmentPeriodEntity, scope: Scope & { source: "rows" }, kind: OrgKind | null | undefined, condition: string) {
  let where = `period_id = ? AND ${condition}`;
  const params: unknown[] = [period.id];
  if (kind) {
    where += " AND kind = ?";
    params.push(kind);
  }
  if (scope.range) {
    where += " AND path >= ? AND path < ?";
    params.push(scope.range.lower, scope.range.upper);
  }
  return { where, params };
}

/** Organisations, assessed ones and the sum of their own scores per kind or depth, over one range. */
async function groupedCounts(ctx: RequestContext, period: AssessmentPeriodEntity, scope: Scope, column: "kind" | "depth"): Promise<GroupRow[]> {
  if (scope.source === "none") return [];
  const range = scope.range ? " AND path >= ? AND path < ?" : "";
  const rangeParams = scope.range ? [scope.range.lower, scope.range.upper] : [];
  if (scope.source === "rows") {
    return ctx.em.query(
      `SELECT ${column} AS g, COUNT(*) AS n, COUNT(own_score) AS assessed, SUM(own_score) AS total
       FROM ${scope.range ? pinned(ctx, "score_rollup", "uq_score_rollup_path") : "score_rollup"} WHERE period_id = ?${range} GROUP BY ${column}`,
      [period.id, ...rangeParams],
    );
  }
  return ctx.em.query(
    `SELECT ${column} AS g, COUNT(*) AS n, 0 AS assessed, 0 AS total
     FROM ${scope.range ? pinned(ctx, "organization", "uq_organization_path") : "organization"} WHERE status = ?${range} GROUP BY ${column}`,
    [OrgStatus.ACTIVE, ...rangeParams],
  );
}

/** Post assessments per post kind, for the organisations of the period's subtree. */
async function postCounts(ctx: RequestContext, period: AssessmentPeriodEntity, scope: Scope): Promise<GroupRow[]> {
  if (scope.source === "none") return [];
  const range = scope.range ? " AND t.path >= ? AND t.path < ?" : "";
  const rangeParams = scope.range ? [scope.range.lower, scope.range.upper] : [];
  const join =
    scope.source === "rows"
      ? `JOIN ${byPrimaryKey(ctx.em, "score_rollup", "t")} ON t.period_id = pa.period_id AND t.organization_id = pa.organization_id`
      : `JOIN organization t ON t.id = pa.organization_id AND t.status = '${OrgStatus.ACTIVE}'`;
  return ctx.em.query(
    `SELECT pa.post_kind AS g, COUNT(*) AS n, COUNT(*) AS assessed, SUM(pa.score_hundredths) AS total
     FROM post_assessment pa ${join} WHERE pa.period_id = ?${range} GROUP BY pa.post_kind`,
    [period.id, ...rangeParams],
  );
}

function sumGroups(rows: (GroupRow | undefined)[]): Totals & { organizationCount: number } {
  let organizationCount = 0;
  let assessedCount = 0;
  let sum = 0;
  for (const row of rows) {
    if (!row) continue;
    organizationCount += Number(row.n);
    assessedCount += Number(row.assessed);
    sum += Number(row.total ?? 0);
  }
  return { organizationCount, assessedCount, sum };
}

function compare(upper: Totals & { label: string; members: string[] }, lower: Totals & { label: string; members: string[] }): ComparisonView {
  const view = (group: typeof upper): GroupFiguresView => ({
    label: group.label,
    members: group.members,
    organizationCount: group.organizationCount,
    assessedCount: group.assessedCount,
    averageScore: meanOfHundredths(group.sum, group.assessedCount),
  });
  return {
    upper: view(upper),
    lower: view(lower),
    difference: differenceOfMeans(upper.sum, upper.assessedCount, lower.sum, lower.assessedCount),
  };
}

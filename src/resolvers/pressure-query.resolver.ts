import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { OrganizationEntity, type OrgKind } from "../entities";
import { NotFoundError } from "../services/errors";
import type { RequestContext } from "../services/request-context";
import {
  PressureQueryService,
  type HotspotView,
  type RankedView,
  type SubtreeQuery,
  type TransmissionReportView,
} from "../services/scoring/pressure-query.service";
import { OrgKind as OrgKindEnum } from "../schema/enums";
import { requireLocalId } from "../schema/global-id";
import { AttenuationHotspot, RankedOrganization, TransmissionReport } from "../schema/pressure.types";

/** The contract's subtree-wide reads (DOMAIN.md §6): rankings, hot spots, and the 三实三弱 report. */
@Resolver()
export class PressureQueryResolver {
  constructor(private readonly pressure = new PressureQueryService()) {}

  @Query(() => [RankedOrganization], { description: "排名 Assessed organisations by own score, ties share a rank and are ordered by code; first 1–100, default 20" })
  async rankings(
    @Ctx() ctx: RequestContext,
    @Arg("period") period: string,
    @Arg("under", () => ID, { nullable: true }) under?: string | null,
    @Arg("kind", () => OrgKindEnum, { nullable: true }) kind?: OrgKind | null,
    @Arg("first", () => Int, { nullable: true }) first?: number | null,
  ): Promise<RankedView[]> {
    return this.pressure.rankings(ctx, await this.query(ctx, period, under, kind, first));
  }

  @Query(() => [AttenuationHotspot], {
    description: "衰减热点 Assessed organisations with an assessed child, largest attenuation first, ties by code; first 1–100, default 20",
  })
  async attenuationHotspots(
    @Ctx() ctx: RequestContext,
    @Arg("period") period: string,
    @Arg("under", () => ID, { nullable: true }) under?: string | null,
    @Arg("kind", () => OrgKindEnum, { nullable: true }) kind?: OrgKind | null,
    @Arg("first", () => Int, { nullable: true }) first?: number | null,
  ): Promise<HotspotView[]> {
    return this.pressure.hotspots(ctx, await this.query(ctx, period, under, kind, first));
  }

  @Query(() => TransmissionReport, { description: "三实三弱 Upper levels vs branches, committees vs party groups, secretaries vs members: means, differences, counts" })
  async transmissionReport(
    @Ctx() ctx: RequestContext,
    @Arg("period") period: string,
    @Arg("under", () => ID, { nullable: true }) under?: string | null,
  ): Promise<TransmissionReportView> {
    const query = await this.query(ctx, period, under, null, null);
    return this.pressure.transmissionReport(ctx, query.period, query.under);
  }

  private async query(
    ctx: RequestContext,
    periodCode: string,
    under: string | null | undefined,
    kind: OrgKind | null | undefined,
    first: number | null | undefined,
  ): Promise<SubtreeQuery> {
    const period = await this.pressure.requirePeriod(ctx, periodCode);
    let root: OrganizationEntity | null = null;
    if (under != null) {
      const id = requireLocalId(under, "Organization", "under");
      root = await ctx.loaders.organizationById.load(id);
      if (!root) throw new NotFoundError(`under: organisation ${under} does not exist`);
    }
    return { period, under: root, kind: kind ?? null, first: first ?? null };
  }
}

import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { OrganizationEntity } from "../entities";
import type { NegativeListEntryEntity } from "../entities/oversight.entities";
import { OversightQueryService } from "../services/oversight/oversight-query.service";
import { OversightReportService, type OversightReport as Report } from "../services/oversight/oversight-report.service";
import type { RequestContext } from "../services/request-context";
import { NegativeListEntry } from "../schema/accountability.type";
import { requireLocalId } from "../schema/global-id";
import { Organization } from "../schema/organization.type";
import { OversightReport } from "../schema/oversight-report.type";

@Resolver()
export class OversightReportResolver {
  constructor(private readonly reports = new OversightReportService()) {}

  @Query(() => OversightReport, {
    description: "督责考责统计 Problems found, closed, overdue and reopened, the rectification rate and cases by form, for a subtree in a period",
  })
  oversightReport(
    @Ctx() ctx: RequestContext,
    @Arg("under", () => ID, { description: "范围 Root of the subtree (within your scope)" }) under: string,
    @Arg("period", { description: "周期 Period code" }) period: string,
  ): Promise<Report> {
    return this.reports.report(ctx, requireLocalId(under, "Organization", "under"), period);
  }
}

@Resolver(() => Organization)
export class OrganizationOversightResolver {
  constructor(private readonly queries = new OversightQueryService()) {}

  @FieldResolver(() => NegativeListEntry, { nullable: true, description: "负面清单 Its negative-list entry for the period; null when not listed" })
  negativeListing(
    @Ctx() ctx: RequestContext,
    @Root() organization: OrganizationEntity,
    @Arg("period", { description: "周期 Period code" }) period: string,
  ): Promise<NegativeListEntryEntity | null> {
    return this.queries.listing(ctx, organization, period);
  }
}

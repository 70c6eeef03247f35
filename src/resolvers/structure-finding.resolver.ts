import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { BadUserInputError } from "../services/errors";
import { OrganizationQueryService } from "../services/organization-query.service";
import type { RequestContext } from "../services/request-context";
import { MAX_FINDINGS, StructureFindingsService, type StructureFinding as Finding } from "../services/structure-findings.service";
import { requireLocalId } from "../schema/global-id";
import { StructureFinding } from "../schema/structure-finding.type";

@Resolver()
export class StructureFindingResolver {
  constructor(
    private readonly organizations = new OrganizationQueryService(),
    private readonly structure = new StructureFindingsService(),
  ) {}

  @Query(() => [StructureFinding], {
    description: "组织设置检查 Structure-rule findings in a subtree, by organisation code (at most `first`, up to 1000)",
  })
  async structureFindings(
    @Ctx() ctx: RequestContext,
    @Arg("under", () => ID) under: string,
    @Arg("first", () => Int, { defaultValue: 100 }) first: number,
  ): Promise<Finding[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_FINDINGS) {
      throw new BadUserInputError(`first must be between 1 and ${MAX_FINDINGS}`, [{ column: "first", reason: "out of range" }]);
    }
    const root = await this.organizations.requireById(ctx, requireLocalId(under, "Organization", "under"), "under");
    return this.structure.findings(ctx, root, first);
  }
}

import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { OrganizationEntity } from "../entities";
import { OrganizationImportService, type ImportSummary } from "../services/organization-import.service";
import { OrganizationTreeService } from "../services/organization-tree.service";
import type { RequestContext } from "../services/request-context";
import { requireLocalId } from "../schema/global-id";
import { CreateOrganizationInput, ImportOrganizationsResult, UpdateOrganizationInput } from "../schema/organization-mutation.inputs";
import { Organization } from "../schema/organization.type";

@Resolver()
export class OrganizationMutationResolver {
  constructor(
    private readonly tree = new OrganizationTreeService(),
    private readonly importer = new OrganizationImportService(),
  ) {}

  @Mutation(() => Organization, { description: "新建党组织 Create an organisation" })
  createOrganization(@Ctx() ctx: RequestContext, @Arg("input") input: CreateOrganizationInput): Promise<OrganizationEntity> {
    const parentId = input.parentId == null ? null : requireLocalId(input.parentId, "Organization", "parentId");
    return this.tree.create(ctx, { ...input, parentId });
  }

  @Mutation(() => Organization, { description: "修改党组织 Change an organisation's name, region code or member count" })
  updateOrganization(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input") input: UpdateOrganizationInput,
  ): Promise<OrganizationEntity> {
    return this.tree.update(ctx, requireLocalId(id, "Organization", "id"), input);
  }

  @Mutation(() => Organization, { description: "调整隶属关系 Move an organisation and its whole subtree under a new parent" })
  moveOrganization(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("newParentId", () => ID) newParentId: string,
  ): Promise<OrganizationEntity> {
    return this.tree.move(ctx, requireLocalId(id, "Organization", "id"), requireLocalId(newParentId, "Organization", "newParentId"));
  }

  @Mutation(() => Organization, {
    description: "撤销党组织 Dissolve an organisation, keeping its history; with cascade, its whole subtree",
  })
  dissolveOrganization(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("cascade", () => Boolean, { defaultValue: false }) cascade: boolean,
  ): Promise<OrganizationEntity> {
    return this.tree.dissolve(ctx, requireLocalId(id, "Organization", "id"), cascade);
  }

  @Mutation(() => ImportOrganizationsResult, {
    description: "导入党组织 Import orgs.csv text: all or nothing; errors name line, column and reason",
  })
  importOrganizations(@Ctx() ctx: RequestContext, @Arg("csv") csv: string): Promise<ImportSummary> {
    return this.importer.importCsv(ctx, csv);
  }
}

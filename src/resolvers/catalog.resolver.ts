import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { OrganizationEntity } from "../entities";
import type { CatalogEntity, CatalogItemEntity } from "../entities/responsibility.entities";
import { BadUserInputError } from "../services/errors";
import { OrganizationQueryService } from "../services/organization-query.service";
import type { RequestContext } from "../services/request-context";
import { AssignCatalogService, type AssignSummary } from "../services/responsibility/assign-catalog.service";
import { BuiltInCatalogService } from "../services/responsibility/built-in-catalog.service";
import { CatalogService } from "../services/responsibility/catalog.service";
import { requireLocalId, toGlobalId } from "../schema/global-id";
import { Organization } from "../schema/organization.type";
import { AssignCatalogResult, Catalog, CatalogItem, QuantitativeRequirement } from "../schema/catalog.type";
import { CatalogItemInput, CreateCatalogInput, UpdateCatalogItemInput } from "../schema/responsibility.inputs";

@Resolver(() => Catalog)
export class CatalogResolver {
  constructor(
    private readonly catalogService = new CatalogService(),
    private readonly builtIn = new BuiltInCatalogService(),
    private readonly assignments = new AssignCatalogService(),
    private readonly organizations = new OrganizationQueryService(),
  ) {}

  @Query(() => [Catalog], { description: "责任清单 Every version of every shared catalog, by code then version" })
  catalogs(@Ctx() ctx: RequestContext): Promise<CatalogEntity[]> {
    return this.catalogService.list(ctx);
  }

  @Query(() => Catalog, { nullable: true, description: "责任清单 A catalog by id, or by code (latest version unless given); null when unknown" })
  async catalog(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { nullable: true, description: "全局ID Global id" }) id?: string | null,
    @Arg("code", () => String, { nullable: true, description: "清单编码 Catalog code" }) code?: string | null,
    @Arg("version", () => Int, { nullable: true, description: "版本 Version; default the latest" }) version?: number | null,
  ): Promise<CatalogEntity | null> {
    if ((id == null) === (code == null)) throw new BadUserInputError("give exactly one of id and code", [{ column: "id", reason: "give exactly one of id and code" }]);
    return id != null ? this.catalogService.byId(ctx, requireLocalId(id, "Catalog", "id")) : this.catalogService.byCode(ctx, code!, version);
  }

  @Mutation(() => Catalog, { description: "新建清单 Create a catalog: version 1, a draft" })
  createCatalog(@Ctx() ctx: RequestContext, @Arg("input", { description: "输入 What to create or change" }) input: CreateCatalogInput): Promise<CatalogEntity> {
    return this.catalogService.create(ctx, input);
  }

  @Mutation(() => Catalog, { description: "新版本 Start a new draft version, copied from the latest (published) one" })
  createCatalogVersion(@Ctx() ctx: RequestContext, @Arg("code", { description: "清单编码 Catalog code" }) code: string): Promise<CatalogEntity> {
    return this.catalogService.newVersion(ctx, code);
  }

  @Mutation(() => CatalogItem, { description: "添加条目 Add an item to a draft catalog" })
  addCatalogItem(@Ctx() ctx: RequestContext, @Arg("catalogId", () => ID, { description: "清单 Global id of the catalog" }) catalogId: string, @Arg("input", { description: "输入 What to create or change" }) input: CatalogItemInput): Promise<CatalogItemEntity> {
    return this.catalogService.addItem(ctx, requireLocalId(catalogId, "Catalog", "catalogId"), {
      ...input,
      parentId: input.parentId == null ? null : requireLocalId(input.parentId, "CatalogItem", "parentId"),
      derivesFromId: input.derivesFromId == null ? null : requireLocalId(input.derivesFromId, "CatalogItem", "derivesFromId"),
    });
  }

  @Mutation(() => CatalogItem, { description: "修改条目 Change an item of a draft catalog" })
  updateCatalogItem(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "全局ID Global id" }) id: string, @Arg("input", { description: "输入 What to create or change" }) input: UpdateCatalogItemInput): Promise<CatalogItemEntity> {
    const { removeRequirement, requirement, ...rest } = input;
    const changes = Object.fromEntries(Object.entries(rest).filter(([, value]) => value != null));
    return this.catalogService.updateItem(ctx, requireLocalId(id, "CatalogItem", "id"), {
      ...changes,
      ...(removeRequirement ? { requirement: null } : requirement != null ? { requirement } : {}),
    });
  }

  @Mutation(() => Catalog, { description: "删除条目 Remove an item (without sub-items) from a draft catalog" })
  removeCatalogItem(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "全局ID Global id" }) id: string): Promise<CatalogEntity> {
    return this.catalogService.removeItem(ctx, requireLocalId(id, "CatalogItem", "id"));
  }

  @Mutation(() => Catalog, { description: "发布清单 Publish a draft: it becomes immutable and may be assigned" })
  publishCatalog(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "全局ID Global id" }) id: string): Promise<CatalogEntity> {
    return this.catalogService.publish(ctx, requireLocalId(id, "Catalog", "id"));
  }

  @Mutation(() => Catalog, { description: "安装内置清单 Install a built-in catalog (default 三级五岗, SANJI-WUGANG) once; returns its latest version" })
  installBuiltInCatalog(@Ctx() ctx: RequestContext, @Arg("code", () => String, { nullable: true, description: "内置清单编码 Built-in catalog code; default SANJI-WUGANG" }) code?: string | null): Promise<CatalogEntity> {
    return this.builtIn.install(ctx, code ?? undefined);
  }

  @Mutation(() => AssignCatalogResult, {
    description: "定责 Apply a published catalog to every organisation and current post holder of a subtree; idempotent",
  })
  async assignCatalog(
    @Ctx() ctx: RequestContext,
    @Arg("catalogId", () => ID, { description: "清单 Global id of the catalog" }) catalogId: string,
    @Arg("under", () => ID, { description: "范围 Root of the subtree, itself included" }) under: string,
  ): Promise<AssignSummary> {
    return this.assignments.assign(ctx, requireLocalId(catalogId, "Catalog", "catalogId"), requireLocalId(under, "Organization", "under"));
  }

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() catalog: CatalogEntity): string {
    return toGlobalId("Catalog", catalog.id);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "所属组织 For a local list, its organisation; null for a shared catalog" })
  owner(@Ctx() ctx: RequestContext, @Root() catalog: CatalogEntity): Promise<OrganizationEntity | null> {
    return catalog.ownerOrganizationId === null ? Promise.resolve(null) : this.organizations.byId(ctx, catalog.ownerOrganizationId);
  }

  @FieldResolver(() => [CatalogItem], { description: "大项 Top-level items, in order" })
  items(@Ctx() ctx: RequestContext, @Root() catalog: CatalogEntity): Promise<CatalogItemEntity[]> {
    return this.catalogService.items(ctx, catalog.id, null);
  }

  @FieldResolver(() => [CatalogItem], { description: "全部条目 Every item, parents before their 小项 (tree pre-order)" })
  allItems(@Ctx() ctx: RequestContext, @Root() catalog: CatalogEntity): Promise<CatalogItemEntity[]> {
    return this.catalogService.allItems(ctx, catalog.id);
  }
}

@Resolver(() => CatalogItem)
export class CatalogItemResolver {
  constructor(private readonly catalogs = new CatalogService()) {}

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() item: CatalogItemEntity): string {
    return toGlobalId("CatalogItem", item.id);
  }

  @FieldResolver(() => Catalog, { description: "所属清单 The catalog version it belongs to" })
  catalog(@Ctx() ctx: RequestContext, @Root() item: CatalogItemEntity): Promise<CatalogEntity> {
    return this.catalogs.requireById(ctx, item.catalogId);
  }

  @FieldResolver(() => CatalogItem, { nullable: true, description: "上级条目 The 大项 of this 小项; null at the top" })
  parent(@Ctx() ctx: RequestContext, @Root() item: CatalogItemEntity): Promise<CatalogItemEntity | null> {
    return item.parentId === null ? Promise.resolve(null) : this.catalogs.itemById(ctx, item.parentId);
  }

  @FieldResolver(() => [CatalogItem], { description: "小项 Sub-items, in order" })
  children(@Ctx() ctx: RequestContext, @Root() item: CatalogItemEntity): Promise<CatalogItemEntity[]> {
    return this.catalogs.items(ctx, item.catalogId, item.id);
  }

  @FieldResolver(() => CatalogItem, { nullable: true, description: "分解自 The organisation item this one breaks down" })
  derivesFrom(@Ctx() ctx: RequestContext, @Root() item: CatalogItemEntity): Promise<CatalogItemEntity | null> {
    return item.derivesFromId === null ? Promise.resolve(null) : this.catalogs.itemById(ctx, item.derivesFromId);
  }

  @FieldResolver(() => QuantitativeRequirement, { nullable: true, description: "量化要求 null when an assessor marks the item" })
  requirement(@Root() item: CatalogItemEntity): QuantitativeRequirement | null {
    if (item.requiredCount === null || item.requiredUnit === null) return null;
    return { minCount: item.requiredCount, per: item.requiredUnit, evidenceKind: item.requiredEvidenceKind };
  }
}

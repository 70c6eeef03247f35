import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { OrganizationEntity } from "../entities";
import { OrganizationQueryService } from "../services/organization-query.service";
import type { RequestContext } from "../services/request-context";
import { fromGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { nodeSource, registerNodeSource } from "../schema/node-registry";

const organizations = new OrganizationQueryService();
registerNodeSource({ typeName: "Organization", entity: OrganizationEntity, load: (ctx, id) => organizations.byId(ctx, id) });

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "按全局ID取对象 Any object by global id; null when unknown, malformed or outside your scope" })
  async node(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<object | null> {
    const parsed = fromGlobalId(id);
    const source = parsed && nodeSource(parsed.type);
    return source ? source.load(ctx, parsed.id) : null;
  }
}

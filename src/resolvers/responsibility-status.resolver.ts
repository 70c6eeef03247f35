import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { DateScalar } from "../schema/scalars";
import type { FulfillmentRecordEntity, ResponsibilityEntity } from "../entities/responsibility.entities";
import { OrganizationQueryService } from "../services/organization-query.service";
import type { RequestContext } from "../services/request-context";
import { requirePeriod } from "../services/responsibility/period-lookup";
import { BehindScheduleService, type BehindScheduleEntry as Entry } from "../services/responsibility/behind-schedule.service";
import type { ResponsibilityStatus as Status } from "../services/responsibility/completion.service";
import { DerivationService, type DerivationGap as Gap, type DerivationLevel as Level } from "../services/responsibility/derivation.service";
import { FulfillmentService } from "../services/responsibility/fulfillment.service";
import { ResponsibilityQueryService } from "../services/responsibility/responsibility-query.service";
import { toConnection, type Connection } from "../schema/connection";
import { ConnectionArgs } from "../schema/connection.args";
import { requireLocalId, toGlobalId } from "../schema/global-id";
import {
  BehindScheduleConnection,
  DerivationBreakdown,
  DerivationGapConnection,
  DerivationLevel,
  FulfillmentRecord,
  FulfillmentRecordConnection,
  Responsibility,
  ResponsibilityStatus,
} from "../schema/responsibility.type";
import type { BreakdownRoot } from "./responsibility.resolver";
import { optionalIsoDate } from "./responsibility-args";

@Resolver(() => ResponsibilityStatus)
export class ResponsibilityStatusResolver {
  constructor(private readonly fulfillment = new FulfillmentService()) {}

  @FieldResolver(() => String, { nullable: true })
  setBy(@Root() status: Status): string | null {
    return status.mark?.setBy ?? null;
  }

  @FieldResolver(() => Date, { nullable: true })
  setAt(@Root() status: Status): Date | null {
    return status.mark?.setAt ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  note(@Root() status: Status): string | null {
    return status.mark?.note ?? null;
  }

  @FieldResolver(() => FulfillmentRecordConnection, { description: "纪实 The records counted (in the window), by date then id" })
  async records(@Ctx() ctx: RequestContext, @Root() status: Status, @Args() page: ConnectionArgs): Promise<Connection<FulfillmentRecordEntity>> {
    const id = status.responsibility.id;
    const found = await this.fulfillment.page(ctx, id, status.windowStart, status.windowEnd, page);
    return toConnection(found, () => this.fulfillment.count(ctx, id, status.windowStart, status.windowEnd));
  }
}

@Resolver(() => FulfillmentRecord)
export class FulfillmentRecordResolver {
  constructor(private readonly responsibilities = new ResponsibilityQueryService()) {}

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() record: FulfillmentRecordEntity): string {
    return toGlobalId("FulfillmentRecord", record.id);
  }

  @FieldResolver(() => Responsibility, { description: "责任 The responsibility it shows carried out" })
  responsibility(@Ctx() ctx: RequestContext, @Root() record: FulfillmentRecordEntity): Promise<ResponsibilityEntity> {
    return this.responsibilities.requireById(ctx, record.responsibilityId);
  }
}

@Resolver(() => DerivationBreakdown)
export class DerivationBreakdownResolver {
  constructor(private readonly derivations = new DerivationService()) {}

  @FieldResolver(() => [DerivationLevel], { description: "分层情况 Per depth and kind of the subtree: organisations, reached, gaps" })
  levels(@Ctx() ctx: RequestContext, @Root() root: BreakdownRoot): Promise<Level[]> {
    return this.derivations.levels(ctx, root.top, root.expectedKinds);
  }

  @FieldResolver(() => DerivationGapConnection, { description: "末端缺口 Organisations of an expected kind the duty does not reach, in tree pre-order" })
  async gaps(@Ctx() ctx: RequestContext, @Root() root: BreakdownRoot, @Args() page: ConnectionArgs): Promise<Connection<Gap>> {
    const found = await this.derivations.gaps(ctx, root.top, page, root.expectedKinds);
    return toConnection(found, () => this.derivations.gapCount(ctx, root.top, root.expectedKinds));
  }
}

@Resolver()
export class BehindScheduleResolver {
  constructor(
    private readonly behind = new BehindScheduleService(),
    private readonly organizations = new OrganizationQueryService(),
  ) {}

  @Query(() => BehindScheduleConnection, {
    description: "进度滞后 Quantitative duties of a subtree with fewer records than the units elapsed by asOf require",
  })
  async behindSchedule(
    @Ctx() ctx: RequestContext,
    @Arg("under", () => ID, { description: "范围 Root of the subtree, itself included" }) under: string,
    @Arg("period", { description: "周期 Period code" }) period: string,
    @Args() page: ConnectionArgs,
    @Arg("asOf", () => DateScalar, { nullable: true, description: "截至 Last complete day; default yesterday, at most the period's end" }) asOf?: Date | null,
  ): Promise<Connection<Entry>> {
    const root = await this.organizations.requireById(ctx, requireLocalId(under, "Organization", "under"), "under");
    const found = await requirePeriod(ctx, period);
    const day = this.behind.resolveAsOf(found, optionalIsoDate(asOf));
    const entries = await this.behind.page(ctx, root, found, day, page);
    return toConnection(entries, () => this.behind.count(ctx, root, found, day));
  }
}

/** totalCount of this feature's connections costs a COUNT, so it runs only when asked for. */
@Resolver(() => FulfillmentRecordConnection)
export class FulfillmentRecordConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() connection: Connection<unknown>): Promise<number> {
    return connection.totalCount();
  }
}

@Resolver(() => DerivationGapConnection)
export class DerivationGapConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() connection: Connection<unknown>): Promise<number> {
    return connection.totalCount();
  }
}

@Resolver(() => BehindScheduleConnection)
export class BehindScheduleConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() connection: Connection<unknown>): Promise<number> {
    return connection.totalCount();
  }
}

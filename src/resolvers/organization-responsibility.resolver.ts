import { DateScalar } from "../schema/scalars";
import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { OrganizationEntity } from "../entities";
import type { AppointmentEntity } from "../entities/responsibility.entities";
import type { RequestContext } from "../services/request-context";
import { requirePeriod } from "../services/responsibility/period-lookup";
import { AppointmentService } from "../services/responsibility/appointment.service";
import { CompletionService, type ResponsibilityStatus as Status } from "../services/responsibility/completion.service";
import { Organization } from "../schema/organization.type";
import { Appointment } from "../schema/person.type";
import { ResponsibilityStatus } from "../schema/responsibility.type";
import { optionalIsoDate } from "./responsibility-args";

/** The responsibility feature's fields on Organization (leadership, its own duties). */
@Resolver(() => Organization)
export class OrganizationResponsibilityResolver {
  constructor(
    private readonly appointments = new AppointmentService(),
    private readonly completion = new CompletionService(),
  ) {}

  @FieldResolver(() => [Appointment], { description: "班子成员 Current post holders on the day given (default today), by post" })
  leadership(
    @Ctx() ctx: RequestContext,
    @Root() organization: OrganizationEntity,
    @Arg("on", () => DateScalar, { nullable: true, description: "日期 The day; default today" }) on?: Date | null,
  ): Promise<AppointmentEntity[]> {
    return this.appointments.leadership(ctx, organization.id, optionalIsoDate(on));
  }

  @FieldResolver(() => [ResponsibilityStatus], {
    description: "组织责任 The organisation's own responsibilities in a period (tree order), with completion and records",
  })
  async responsibilities(
    @Ctx() ctx: RequestContext,
    @Root() organization: OrganizationEntity,
    @Arg("period", { description: "周期 Period code, e.g. 2026-Q3" }) period: string,
  ): Promise<Status[]> {
    const found = await requirePeriod(ctx, period);
    return this.completion.forHolder(ctx, organization.id, 0, found);
  }
}

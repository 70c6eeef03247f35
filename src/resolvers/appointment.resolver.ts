import { DateScalar } from "../schema/scalars";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { OrganizationEntity } from "../entities";
import type { AppointmentEntity, PersonEntity } from "../entities/responsibility.entities";
import { OrganizationQueryService } from "../services/organization-query.service";
import type { RequestContext } from "../services/request-context";
import { requirePeriod } from "../services/responsibility/period-lookup";
import { AppointmentService } from "../services/responsibility/appointment.service";
import { CompletionService, type ResponsibilityStatus as Status } from "../services/responsibility/completion.service";
import { today } from "../services/responsibility/dates";
import { PersonService } from "../services/responsibility/person.service";
import { requireLocalId, toGlobalId } from "../schema/global-id";
import { Organization } from "../schema/organization.type";
import { Appointment, Person } from "../schema/person.type";
import { AppointInput } from "../schema/responsibility.inputs";
import { ResponsibilityStatus } from "../schema/responsibility.type";
import { isoDate, optionalIsoDate } from "./responsibility-args";

@Resolver(() => Appointment)
export class AppointmentResolver {
  constructor(
    private readonly appointments = new AppointmentService(),
    private readonly people = new PersonService(),
    private readonly organizations = new OrganizationQueryService(),
    private readonly completion = new CompletionService(),
  ) {}

  @Query(() => Appointment, { nullable: true, description: "任职 An appointment by id; null when unknown" })
  appointment(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "全局ID Global id" }) id: string): Promise<AppointmentEntity | null> {
    return this.appointments.byId(ctx, requireLocalId(id, "Appointment", "id"));
  }

  @Mutation(() => Appointment, {
    description: "任职 Appoint a person to a post; the post must exist in the organisation's kind and a secretary post has one holder at a time",
  })
  appoint(@Ctx() ctx: RequestContext, @Arg("input", { description: "输入 What to create or change" }) input: AppointInput): Promise<AppointmentEntity> {
    return this.appointments.appoint(ctx, {
      personId: requireLocalId(input.personId, "Person", "personId"),
      organizationId: requireLocalId(input.organizationId, "Organization", "organizationId"),
      postKind: input.postKind,
      startDate: isoDate(input.startDate),
      endDate: optionalIsoDate(input.endDate),
    });
  }

  @Mutation(() => Appointment, { description: "免职 End an appointment on its last day; its history and duties stay" })
  endAppointment(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "全局ID Global id" }) id: string,
    @Arg("endDate", () => DateScalar, { description: "最后一天 Last day in the post" }) endDate: Date,
  ): Promise<AppointmentEntity> {
    return this.appointments.end(ctx, requireLocalId(id, "Appointment", "id"), isoDate(endDate));
  }

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() appointment: AppointmentEntity): string {
    return toGlobalId("Appointment", appointment.id);
  }

  @FieldResolver(() => Person, { description: "人员 Who holds the post" })
  async person(@Ctx() ctx: RequestContext, @Root() appointment: AppointmentEntity): Promise<PersonEntity> {
    return this.people.requireById(ctx, appointment.personId);
  }

  @FieldResolver(() => Organization, { description: "组织 Where the post is" })
  organization(@Ctx() ctx: RequestContext, @Root() appointment: AppointmentEntity): Promise<OrganizationEntity> {
    return this.organizations.requireById(ctx, appointment.organizationId);
  }

  @FieldResolver(() => Boolean, { description: "在任 Whether the post is held on the day given (default today)" })
  current(
    @Root() appointment: AppointmentEntity,
    @Arg("on", () => DateScalar, { nullable: true, description: "日期 The day; default today" }) on?: Date | null,
  ): boolean {
    const day = on == null ? today() : isoDate(on);
    return appointment.startDate <= day && (appointment.endDate === null || appointment.endDate >= day);
  }

  @FieldResolver(() => [ResponsibilityStatus], { description: "岗位责任 The post holder's responsibilities in a period, with completion and records" })
  async responsibilities(
    @Ctx() ctx: RequestContext,
    @Root() appointment: AppointmentEntity,
    @Arg("period", { description: "周期 Period code, e.g. 2026-H1" }) period: string,
  ): Promise<Status[]> {
    const found = await requirePeriod(ctx, period);
    return this.completion.forHolder(ctx, appointment.organizationId, appointment.id, found);
  }
}

import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { AppointmentEntity, PersonEntity } from "../entities/responsibility.entities";
import { AppointmentService } from "../services/responsibility/appointment.service";
import { PersonService } from "../services/responsibility/person.service";
import type { RequestContext } from "../services/request-context";
import { requireLocalId, toGlobalId } from "../schema/global-id";
import { Appointment, Person } from "../schema/person.type";

@Resolver(() => Person)
export class PersonResolver {
  constructor(
    private readonly people = new PersonService(),
    private readonly appointmentService = new AppointmentService(),
  ) {}

  @Query(() => Person, { nullable: true, description: "人员 A person by id; null when unknown" })
  person(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "全局ID Global id" }) id: string): Promise<PersonEntity | null> {
    return this.people.byId(ctx, requireLocalId(id, "Person", "id"));
  }

  @Mutation(() => Person, { description: "新建人员 Add a person (a name only)" })
  createPerson(@Ctx() ctx: RequestContext, @Arg("name", { description: "姓名 Name, 1–100 characters" }) name: string): Promise<PersonEntity> {
    return this.people.create(ctx, name);
  }

  @FieldResolver(() => ID, { description: "全局ID Global, opaque id" })
  id(@Root() person: PersonEntity): string {
    return toGlobalId("Person", person.id);
  }

  @FieldResolver(() => [Appointment], { description: "任职经历 The person's posts over time, earliest first" })
  appointments(@Ctx() ctx: RequestContext, @Root() person: PersonEntity): Promise<AppointmentEntity[]> {
    return this.appointmentService.ofPerson(ctx, person.id);
  }
}

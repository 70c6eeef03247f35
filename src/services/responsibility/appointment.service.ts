import DataLoader from "dataloader";
import { OrganizationEntity, OrgStatus } from "../../entities";
import { AppointmentEntity, PersonEntity, PostKind } from "../../entities/responsibility.entities";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { readableOnly, readableOrNull, requireOrganizationRead, requireWritableIn, requireWritableOrganization, writer } from "./access";
import { AssignCatalogService } from "./assign-catalog.service";
import { requireDate, today } from "./dates";
import { clearResponsibilityLoaders, requestLoader, responsibilityLoaders } from "./loaders";
import { postKindProblem, SINGLE_HOLDER_POSTS } from "./post-kind-rules";

export interface AppointInput {
  personId: number;
  organizationId: number;
  postKind: PostKind;
  startDate: string;
  endDate?: string | null;
}

const POST_ORDER = Object.values(PostKind);

/**
 * Who holds which post (任职). Rules, checked in the transaction that writes, with the
 * organisation row locked on MySQL so two concurrent appointments cannot both pass:
 * - the post must exist in the organisation's kind (post-kind-rules.ts);
 * - a secretary post has one holder at a time: appointments to it may not overlap;
 * - one person holds at most one post in one organisation at a time.
 */
export class AppointmentService {
  constructor(private readonly assignments = new AssignCatalogService()) {}

  /** Null when unknown or outside the caller's scope (the two are not told apart). */
  async byId(ctx: RequestContext, id: number): Promise<AppointmentEntity | null> {
    return readableOrNull(ctx, await responsibilityLoaders(ctx).appointmentById.load(id), (row) => row.organizationId);
  }

  async requireById(ctx: RequestContext, id: number): Promise<AppointmentEntity> {
    const found = await this.byId(ctx, id);
    if (!found) throw new NotFoundError(`appointment ${id} does not exist`);
    return found;
  }

  /** A person's posts over time, earliest first: those in the caller's scope only. */
  async ofPerson(ctx: RequestContext, personId: number): Promise<AppointmentEntity[]> {
    return readableOnly(ctx, await responsibilityLoaders(ctx).appointmentsByPerson.load(personId), (row) => row.organizationId);
  }

  /**
   * The organisation's leadership on `date` (default today): its current post holders, by
   * post then start. Only inside the caller's scope: an ancestor shows its name, not its posts.
   */
  async leadership(ctx: RequestContext, organizationId: number, date?: string | null): Promise<AppointmentEntity[]> {
    const on = date == null ? today() : requireDate(date, "on");
    await requireOrganizationRead(ctx, organizationId);
    return requestLoader(ctx, "leadership", (em) =>
      new DataLoader<{ organizationId: number; on: string }, AppointmentEntity[], string>(
        async (keys) => {
          const results = new Map<string, AppointmentEntity[]>();
          for (const day of new Set(keys.map((key) => key.on))) {
            const ids = keys.filter((key) => key.on === day).map((key) => key.organizationId);
            const rows = await em
              .createQueryBuilder(AppointmentEntity, "a")
              .where("a.organization_id IN (:...ids)", { ids: [...new Set(ids)] })
              .andWhere("a.start_date <= :day AND (a.end_date IS NULL OR a.end_date >= :day)", { day })
              .getMany();
            rows.sort((x, y) => POST_ORDER.indexOf(x.postKind) - POST_ORDER.indexOf(y.postKind) || x.startDate.localeCompare(y.startDate) || x.id - y.id);
            for (const id of ids) results.set(`${id}|${day}`, rows.filter((row) => row.organizationId === id));
          }
          return keys.map((key) => results.get(`${key.organizationId}|${key.on}`) ?? []);
        },
        { cacheKeyFn: (key) => `${key.organizationId}|${key.on}` },
      ),
    ).load({ organizationId, on });
  }

  /**
   * "organization.write" in the organisation's scope. The person must be visible to the
   * caller (holding or having held a post in the scope) or hold no post at all yet (just
   * created); a person known only elsewhere is NOT_FOUND.
   */
  async appoint(ctx: RequestContext, input: AppointInput): Promise<AppointmentEntity> {
    const actor = await writer(ctx, "organization.write");
    const startDate = requireDate(input.startDate, "startDate");
    const endDate = input.endDate == null ? null : requireDate(input.endDate, "endDate");
    if (endDate !== null && endDate < startDate) {
      throw new BadUserInputError("endDate may not be before startDate", [{ column: "endDate", reason: "before startDate" }]);
    }
    const appointment = await inTransaction(ctx, async (tx) => {
      const organization = requireWritableOrganization(actor, await lockOrganization(tx, input.organizationId), "organization.write", `organisation ${input.organizationId} does not exist`);
      if (organization.status !== OrgStatus.ACTIVE) throw new ConflictError(`${organization.code} is dissolved: no one can be appointed to it`);
      const wrongKind = postKindProblem(input.postKind, organization.kind);
      if (wrongKind) throw new BadUserInputError(wrongKind, [{ column: "postKind", reason: wrongKind }]);
      if (!(await appointablePerson(tx, input.personId))) throw new NotFoundError(`person ${input.personId} does not exist`);

      const overlapping = await overlappingAppointments(tx, organization.id, startDate, endDate);
      const samePost = overlapping.find((other) => other.postKind === input.postKind && SINGLE_HOLDER_POSTS.has(input.postKind));
      if (samePost) {
        throw new ConflictError(
          `${organization.code} already has a ${input.postKind} from ${samePost.startDate} to ${samePost.endDate ?? "now"} (appointment ${samePost.id}): end that appointment first`,
        );
      }
      const samePerson = overlapping.find((other) => other.personId === input.personId);
      if (samePerson) {
        throw new ConflictError(`person ${input.personId} already holds ${samePerson.postKind} in ${organization.code} over these dates (appointment ${samePerson.id})`);
      }
      const saved = await tx.em.save(
        tx.em.create(AppointmentEntity, { personId: input.personId, organizationId: organization.id, postKind: input.postKind, startDate, endDate }),
      );
      // The post's duties from every catalog already assigned above this organisation.
      await this.assignments.applyToAppointment(tx, saved, organization);
      return saved;
    });
    clearResponsibilityLoaders(ctx);
    return appointment;
  }

  /**
   * Ends a post on `endDate` (its last day). The row and the duties it held stay, for
   * history. "organization.write" in the scope of the appointment's organisation.
   */
  async end(ctx: RequestContext, id: number, rawEndDate: string): Promise<AppointmentEntity> {
    const actor = await writer(ctx, "organization.write");
    const endDate = requireDate(rawEndDate, "endDate");
    const ended = await inTransaction(ctx, async (tx) => {
      const query = tx.em.createQueryBuilder(AppointmentEntity, "a").where("a.id = :id", { id });
      if (tx.dialect === "mysql") query.setLock("pessimistic_write");
      const appointment = await query.getOne();
      if (!appointment) throw new NotFoundError(`appointment ${id} does not exist`);
      await requireWritableIn(tx, actor, appointment.organizationId, "organization.write", `appointment ${id} does not exist`);
      if (appointment.endDate !== null) throw new ConflictError(`appointment ${id} already ended on ${appointment.endDate}`);
      if (endDate < appointment.startDate) {
        throw new BadUserInputError(`endDate may not be before the start, ${appointment.startDate}`, [{ column: "endDate", reason: "before startDate" }]);
      }
      await tx.em.update(AppointmentEntity, { id }, { endDate });
      return tx.em.findOneByOrFail(AppointmentEntity, { id });
    });
    clearResponsibilityLoaders(ctx);
    return ended;
  }
}

async function lockOrganization(tx: RequestContext, id: number): Promise<OrganizationEntity | null> {
  const query = tx.em.createQueryBuilder(OrganizationEntity, "o").where("o.id = :id", { id });
  if (tx.dialect === "mysql") query.setLock("pessimistic_write");
  return query.getOne();
}

/** A person the caller may appoint: one it sees (a post in its scope), or one with no post anywhere yet. */
async function appointablePerson(tx: RequestContext, personId: number): Promise<boolean> {
  if (!(await tx.em.exists(PersonEntity, { where: { id: personId } }))) return false;
  const posts = await tx.em.find(AppointmentEntity, { where: { personId } });
  return posts.length === 0 || (await readableOnly(tx, posts, (row) => row.organizationId)).length > 0;
}

/** Appointments of the organisation whose dates meet [start, end] (end null: open-ended). */
function overlappingAppointments(tx: RequestContext, organizationId: number, start: string, end: string | null): Promise<AppointmentEntity[]> {
  const query = tx.em
    .createQueryBuilder(AppointmentEntity, "a")
    .where("a.organization_id = :organizationId", { organizationId })
    .andWhere("(a.end_date IS NULL OR a.end_date >= :start)", { start });
  if (end !== null) query.andWhere("a.start_date <= :end", { end });
  return query.getMany();
}

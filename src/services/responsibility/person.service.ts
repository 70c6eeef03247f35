import { PersonEntity } from "../../entities/responsibility.entities";
import { BadUserInputError, NotFoundError } from "../errors";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { readableOnly, readableScope, writer } from "./access";
import { responsibilityLoaders } from "./loaders";

const MAX_NAME = 100;

/**
 * People who hold posts: a name only (nothing sensitive is stored). A person is visible to
 * a scoped caller while they hold or held a post in its scope (access.ts); a person without
 * any post only to an unscoped administrator.
 */
export class PersonService {
  /** Null when unknown or not visible to the caller (the two are not told apart). */
  async byId(ctx: RequestContext, id: number): Promise<PersonEntity | null> {
    const loaders = responsibilityLoaders(ctx);
    const found = await loaders.personById.load(id);
    if (!found || (await readableScope(ctx)) === null) return found;
    const posts = await loaders.appointmentsByPerson.load(id);
    return (await readableOnly(ctx, posts, (row) => row.organizationId)).length > 0 ? found : null;
  }

  async requireById(ctx: RequestContext, id: number): Promise<PersonEntity> {
    const found = await this.byId(ctx, id);
    if (!found) throw new NotFoundError(`person ${id} does not exist`);
    return found;
  }

  /** "organization.write" (a person belongs to no organisation until appointed, so the role alone decides). */
  async create(ctx: RequestContext, rawName: string): Promise<PersonEntity> {
    await writer(ctx, "organization.write");
    const name = rawName.trim();
    // eslint-disable-next-line no-control-regex
    if (name.length === 0 || name.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(name)) {
      throw new BadUserInputError(`name must be 1–${MAX_NAME} characters without control characters`, [
        { column: "name", reason: `1–${MAX_NAME} characters, no control characters` },
      ]);
    }
    return inTransaction(ctx, (tx) => tx.em.save(tx.em.create(PersonEntity, { name })));
  }
}

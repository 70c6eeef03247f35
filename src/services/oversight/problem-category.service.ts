import { ProblemCategoryEntity } from "../../entities/oversight.entities";
import { assertCanWrite } from "../auth/authorization";
import { requireActor } from "../auth/request-auth";
import { ConflictError, NotFoundError } from "../errors";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { recordAudit } from "./oversight-audit";
import { invalid, requireText } from "./oversight-input";
import { clearOversightLoaders } from "./oversight-loaders";

const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * 问题类别, one list for the whole deployment: only an unscoped administrator changes it
 * (inspection.write over the whole forest). Categories are retired, never deleted, so the
 * problems filed under one keep their category.
 */
export class ProblemCategoryService {
  list(ctx: RequestContext, includeRetired: boolean): Promise<ProblemCategoryEntity[]> {
    return ctx.em.find(ProblemCategoryEntity, { where: includeRetired ? {} : { active: true }, order: { position: "ASC", id: "ASC" } });
  }

  async create(ctx: RequestContext, rawCode: string, rawName: string, position?: number | null): Promise<ProblemCategoryEntity> {
    const actor = await requireActor(ctx);
    assertCanWrite(actor, "inspection.write", null);
    const code = rawCode.trim();
    if (!CODE.test(code)) throw invalid("code", "1–64 characters: upper-case letters, digits and _, starting with a letter");
    const name = requireText(rawName, "name", 100);
    if (position != null && (!Number.isInteger(position) || position < 0)) throw invalid("position", "a whole number ≥ 0");
    const created = await inTransaction(ctx, async (tx) => {
      if (await tx.em.existsBy(ProblemCategoryEntity, { code })) throw new ConflictError(`problem category ${code} already exists`);
      const rows: { last: number | string | null }[] = await tx.em.query("SELECT MAX(position) AS last FROM problem_category");
      const saved = await tx.em.save(tx.em.create(ProblemCategoryEntity, { code, name, position: position ?? Number(rows[0]?.last ?? 0) + 1, active: true }));
      await recordAudit(tx, { action: "problemCategory.create", targetType: "ProblemCategory", targetId: saved.id, orgPath: null, before: null, after: { code, name, position: saved.position } });
      return saved;
    });
    clearOversightLoaders(ctx);
    return created;
  }

  async update(ctx: RequestContext, id: number, changes: { name?: string | null; active?: boolean | null; position?: number | null }): Promise<ProblemCategoryEntity> {
    const actor = await requireActor(ctx);
    assertCanWrite(actor, "inspection.write", null);
    const name = changes.name == null ? undefined : requireText(changes.name, "name", 100);
    if (changes.position != null && (!Number.isInteger(changes.position) || changes.position < 0)) throw invalid("position", "a whole number ≥ 0");
    const updated = await inTransaction(ctx, async (tx) => {
      const before = await tx.em.findOneBy(ProblemCategoryEntity, { id });
      if (!before) throw new NotFoundError(`problem category ${id} does not exist`);
      const patch = {
        ...(name === undefined ? {} : { name }),
        ...(changes.active == null ? {} : { active: changes.active }),
        ...(changes.position == null ? {} : { position: changes.position }),
      };
      if (Object.keys(patch).length > 0) await tx.em.update(ProblemCategoryEntity, { id }, patch);
      const after = await tx.em.findOneByOrFail(ProblemCategoryEntity, { id });
      await recordAudit(tx, {
        action: "problemCategory.update",
        targetType: "ProblemCategory",
        targetId: id,
        orgPath: null,
        before: { name: before.name, active: before.active, position: before.position },
        after: { name: after.name, active: after.active, position: after.position },
      });
      return after;
    });
    clearOversightLoaders(ctx);
    return updated;
  }
}

import { OrgStatus, PeriodStatus } from "../../entities";
import { NegativeListEntryEntity } from "../../entities/oversight.entities";
import { ConflictError, NotFoundError, PeriodClosedError } from "../errors";
import { parsePeriodCode } from "../period/period-code";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { assertMayWrite, oversightWriter } from "./oversight-access";
import { recordAudit } from "./oversight-audit";
import { invalid, MAX_REASON, requireText } from "./oversight-input";
import { clearOversightLoaders } from "./oversight-loaders";
import { lockPeriods, lockRow, lockSubject, lookupOutside } from "./oversight-locks";
import { ScoreEffects } from "./score-effects";

/**
 * 负面清单: listing an organisation for a period caps its grade there at GOOD; the own score
 * is recomputed (and the roll-ups follow) when it exists. A closed period's list is final.
 */
export class NegativeListService {
  async add(ctx: RequestContext, organizationId: number, periodCode: string, rawReason: string): Promise<NegativeListEntryEntity> {
    const actor = await oversightWriter(ctx);
    const reason = requireText(rawReason, "reason", MAX_REASON);
    const code = periodCode.trim();
    if (!parsePeriodCode(code)) throw invalid("period", `"${periodCode}" is not a period code: use YYYY, YYYY-H1, YYYY-H2 or YYYY-Q1 … YYYY-Q4`);
    const entry = await inTransaction(ctx, async (tx) => {
      const { organization } = await lockSubject(tx, actor, organizationId, [], `organisation ${organizationId}`);
      assertMayWrite(actor, organization);
      const [period] = await lockPeriods(tx, { code });
      if (!period) throw new NotFoundError(`assessment period ${code} does not exist`);
      if (period.status === PeriodStatus.CLOSED) throw new PeriodClosedError(period.code);
      if (organization.status !== OrgStatus.ACTIVE) throw new ConflictError(`${organization.code} is dissolved`);
      const existing = await tx.em.findOneBy(NegativeListEntryEntity, { periodId: period.id, organizationId: organization.id });
      if (existing) throw new ConflictError(`${organization.code} is already on the negative list of ${period.code} (entry ${existing.id})`);
      const effects = await ScoreEffects.capture(tx, [period], { organizationIds: [organization.id], appointmentIds: [] });
      const saved = await tx.em.save(tx.em.create(NegativeListEntryEntity, { organizationId: organization.id, periodId: period.id, reason, listedBy: actor.username }));
      await effects.apply(tx, actor.username);
      await recordAudit(tx, {
        action: "negativeList.add",
        targetType: "NegativeListEntry",
        targetId: saved.id,
        orgPath: organization.path,
        before: null,
        after: { organizationId: organization.id, period: period.code, reason },
      });
      return saved;
    });
    clearOversightLoaders(ctx);
    return entry;
  }

  /** Takes an organisation off a period's list (a listing made in error); returns the removed entry. */
  async remove(ctx: RequestContext, entryId: number, rawReason: string): Promise<NegativeListEntryEntity> {
    const actor = await oversightWriter(ctx);
    const reason = requireText(rawReason, "reason", MAX_REASON);
    const held = await lookupOutside<{ organization_id: number | string; period_id: number | string }>(
      ctx,
      "SELECT organization_id, period_id FROM negative_list_entry WHERE id = ?",
      [entryId],
    );
    if (!held) throw new NotFoundError(`negative list entry ${entryId} does not exist`);
    const removed = await inTransaction(ctx, async (tx) => {
      const { organization } = await lockSubject(tx, actor, Number(held.organization_id), [], `negative list entry ${entryId}`);
      assertMayWrite(actor, organization);
      const [period] = await lockPeriods(tx, { id: Number(held.period_id) });
      const entry = await lockRow(tx, NegativeListEntryEntity, entryId);
      if (!entry) throw new NotFoundError(`negative list entry ${entryId} does not exist`);
      if (period.status === PeriodStatus.CLOSED) throw new PeriodClosedError(period.code);
      const effects = await ScoreEffects.capture(tx, [period], { organizationIds: [organization.id], appointmentIds: [] });
      await tx.em.delete(NegativeListEntryEntity, { id: entry.id });
      await effects.apply(tx, actor.username);
      await recordAudit(tx, {
        action: "negativeList.remove",
        targetType: "NegativeListEntry",
        targetId: entry.id,
        orgPath: organization.path,
        before: { organizationId: organization.id, period: period.code, reason: entry.reason, listedBy: entry.listedBy },
        after: { removalReason: reason },
      });
      return entry;
    });
    clearOversightLoaders(ctx);
    return removed;
  }
}


import type { AssessmentPeriodEntity } from "../../entities";
import type { RequestContext } from "../request-context";
import type { ItemCompletion, ItemCompletionSource } from "../scoring/item-completion";
import { CompletionService, type ResponsibilityStatus } from "./completion.service";

/**
 * The scoring feature's view of 履责 (the ItemCompletionSource contract): the scored
 * responsibilities of one subject in one period, each with weight, completion and
 * provenance. Scored = leaves: a 大项 with 小项 (from the catalog or added locally) is
 * scored through its 小项, each with its own weight, and does not appear itself.
 *
 * Read through CompletionService.forHolder, so the caller's scope applies here too: an
 * organisation the caller does not fully read is NOT_FOUND (FORBIDDEN above the scope).
 * The scoring writes that call it already work inside the caller's scope.
 */
export class ItemCompletionService implements ItemCompletionSource {
  constructor(private readonly completion = new CompletionService()) {}

  /** An organisation's own responsibilities (not its post holders'). */
  async completions(ctx: RequestContext, organizationId: number, period: AssessmentPeriodEntity): Promise<ItemCompletion[]> {
    return toItemCompletions(await this.completion.forHolder(ctx, organizationId, 0, period));
  }

  /** One post holder's responsibilities (for PostAssessment). */
  async postCompletions(ctx: RequestContext, organizationId: number, appointmentId: number, period: AssessmentPeriodEntity): Promise<ItemCompletion[]> {
    return toItemCompletions(await this.completion.forHolder(ctx, organizationId, appointmentId, period));
  }
}

function toItemCompletions(statuses: ResponsibilityStatus[]): ItemCompletion[] {
  return statuses
    .filter((status) => status.scored)
    .map((status) => ({
      responsibilityId: status.responsibility.id,
      weight: status.item.weight,
      completion: status.notApplicable ? null : status.completion,
      notApplicable: status.notApplicable,
      source: status.source,
      setBy: status.mark?.setBy ?? null,
      setAt: status.mark?.setAt ?? null,
    }));
}

import type { AssessmentPeriodEntity } from "../../entities";
import type { RequestContext } from "../request-context";

/** Where an item's completion figure came from (every figure keeps its provenance). */
export enum CompletionSource {
  /** Computed from fulfilment records against a quantitative requirement. */
  AUTOMATIC = "AUTOMATIC",
  /** Set by an assessor for an item without a quantitative requirement. */
  ENTERED = "ENTERED",
  /** An assessor replaced an automatic figure. */
  OVERRIDDEN = "OVERRIDDEN",
  IMPORTED = "IMPORTED",
}

/** One responsibility's completion c_i ∈ [0, 1] in a period, as the score formula consumes it. */
export interface ItemCompletion {
  responsibilityId: number;
  /** w_i > 0 */
  weight: number;
  /** null while an assessor has not yet marked an item that has no quantitative requirement. */
  completion: number | null;
  /** An item marked not applicable leaves both sums of I = 100 · Σ w_i c_i / Σ w_i. */
  notApplicable: boolean;
  source: CompletionSource;
  /** Who set the figure and when; null for AUTOMATIC. */
  setBy: string | null;
  setAt: Date | null;
}

/**
 * Implemented by the responsibility feature (责任清单, 履责纪实); consumed by the scoring
 * feature. The interface lives here so neither depends on the other's internals.
 */
export interface ItemCompletionSource {
  completions(ctx: RequestContext, organizationId: number, period: AssessmentPeriodEntity): Promise<ItemCompletion[]>;
}

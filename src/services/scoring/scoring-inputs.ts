import type { AssessmentPeriodEntity } from "../../entities";
import type { RequestContext } from "../request-context";
import { ItemCompletionService } from "../responsibility/item-completion.service";
import type { ItemCompletion, ItemCompletionSource } from "./item-completion";
import type { AutomaticDeductionCounts } from "./score-formula";

/**
 * The inputs of an own score that other features own, behind small interfaces so scoring
 * depends on none of their internals:
 *
 * - item completions (责任清单, 履责纪实: the responsibility feature implements
 *   ItemCompletionSource in services/responsibility/item-completion.service.ts);
 * - the counts behind automatic deductions (problems overdue at the period's end,
 *   accountability cases in the period) and the negative list (a later feature: problems,
 *   accountability, 负面清单). Until it exists the provider reports none.
 *
 * Item completions come from the responsibility feature's ItemCompletionService; the facts
 * provider is registered by its feature at start-up (until then: none). Tests may swap either.
 */
export interface SubjectFacts extends AutomaticDeductionCounts {
  /** On the negative list for the period: the grade may not be EXCELLENT. Organisations only. */
  negativeListed: boolean;
}

export const NO_FACTS: Readonly<SubjectFacts> = Object.freeze({ overdueProblems: 0, accountabilityCases: 0, negativeListed: false });

export interface ScoringFactsProvider {
  /** Facts per organisation id (missing ids: none), in bulk so an import asks once. */
  organizationFacts(ctx: RequestContext, organizationIds: number[], period: AssessmentPeriodEntity): Promise<Map<number, SubjectFacts>>;
  /** Facts per appointment id (accountability against the post holder). */
  postFacts(ctx: RequestContext, appointmentIds: number[], period: AssessmentPeriodEntity): Promise<Map<number, SubjectFacts>>;
}

/** Items held by a post holder (an appointment of `organizationId`), for 述职评议. */
export interface PostItemCompletionSource {
  postCompletions(ctx: RequestContext, organizationId: number, appointmentId: number, period: AssessmentPeriodEntity): Promise<ItemCompletion[]>;
}

const noFacts: ScoringFactsProvider = {
  organizationFacts: async () => new Map(),
  postFacts: async () => new Map(),
};

/** The responsibility feature's completions (责任清单 × 履责纪实 × assessors' marks). */
const responsibilityItems = new ItemCompletionService();

let factsProvider: ScoringFactsProvider = noFacts;
let itemSource: ItemCompletionSource = responsibilityItems;
let postItemSource: PostItemCompletionSource = responsibilityItems;

export const scoringInputs = {
  facts: (): ScoringFactsProvider => factsProvider,
  items: (): ItemCompletionSource => itemSource,
  postItems: (): PostItemCompletionSource => postItemSource,
};

/** Called once at start-up by the feature that owns problems, accountability and the negative list. */
export function registerScoringFactsProvider(provider: ScoringFactsProvider): void {
  factsProvider = provider;
}

/** Replaces the item completions (tests use hand-made items). */
export function registerItemCompletionSource(source: ItemCompletionSource, postSource?: PostItemCompletionSource): void {
  itemSource = source;
  if (postSource) postItemSource = postSource;
}

/** Tests restore the defaults between cases. */
export function resetScoringInputs(): void {
  factsProvider = noFacts;
  itemSource = responsibilityItems;
  postItemSource = responsibilityItems;
}

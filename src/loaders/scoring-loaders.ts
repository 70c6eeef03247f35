import type { EntityManager } from "typeorm";
import type { AssessmentPeriodEntity } from "../entities";
import type { RequestContext } from "../services/request-context";
import { assessmentLoader, assessmentProvenanceLoader } from "./assessment.loader";
import { postAssessmentLoader } from "./post-assessment.loader";
import { periodByCodeLoader, periodByIdLoader, rollupBuiltLoader } from "./assessment-period.loader";
import { scoreRollupLoader } from "./score-rollup.loader";
import { activeSubtreeCountLoader } from "./subtree-count.loader";

/**
 * The scoring feature's per-request loaders. They hang off the request's own loader set (a
 * WeakMap keyed by ctx.loaders), so they live and die with it: a fresh set per request and
 * per transaction, never shared between requests, and read through the same manager.
 */
export function createScoringLoaders(em: () => EntityManager) {
  const loaders = {
    periodByCode: periodByCodeLoader(em),
    /** Periods already found by code in this request: a browse names the same one on every node. */
    foundPeriods: new Map<string, AssessmentPeriodEntity>(),
    periodById: periodByIdLoader(em),
    rollupBuilt: rollupBuiltLoader(em),
    assessment: assessmentLoader(em),
    assessmentProvenance: assessmentProvenanceLoader(em),
    scoreRollup: scoreRollupLoader(em),
    postAssessment: postAssessmentLoader(em),
    activeSubtreeCount: activeSubtreeCountLoader(em),
    clearAll(): void {
      loaders.periodByCode.clearAll();
      loaders.foundPeriods.clear();
      loaders.periodById.clearAll();
      loaders.rollupBuilt.clearAll();
      loaders.assessment.clearAll();
      loaders.assessmentProvenance.clearAll();
      loaders.scoreRollup.clearAll();
      loaders.postAssessment.clearAll();
      loaders.activeSubtreeCount.clearAll();
    },
  };
  return loaders;
}

export type ScoringLoaders = ReturnType<typeof createScoringLoaders>;

const byRequest = new WeakMap<object, ScoringLoaders>();

export function scoringLoaders(ctx: RequestContext): ScoringLoaders {
  let loaders = byRequest.get(ctx.loaders);
  if (!loaders) {
    // ctx.em is the request's manager (the transaction's inside a mutation).
    const em = ctx.em;
    const created = createScoringLoaders(() => em);
    byRequest.set(ctx.loaders, created);
    // transaction.ts clears the request's loaders after every transaction (any mutation,
    // a tree move included): clear these with them, so no figure is served from before a write.
    const base = ctx.loaders;
    const clearBase = base.clearAll;
    base.clearAll = () => {
      clearBase.call(base);
      created.clearAll();
    };
    loaders = created;
  }
  return loaders;
}

// Registers the roll-up service's tree-change listener: every process that serves the
// schema keeps the roll-ups of open periods in step with the tree.
import "../services/scoring/rollup.service";
import { AssessmentMutationResolver } from "./assessment-mutation.resolver";
import { AssessmentResolver, PostAssessmentResolver } from "./assessment.resolver";
import { OrganizationScoreResolver } from "./organization-score.resolver";
import { PeriodFiguresResolver } from "./period-figures.resolver";
import { AppointmentScoreResolver } from "./post-assessment.resolver";
import { PressureQueryResolver } from "./pressure-query.resolver";

/** The resolvers of this feature; build-schema.ts adds them to the schema. */
export const assessmentResolvers: Function[] = [
  OrganizationScoreResolver,
  PeriodFiguresResolver,
  AssessmentResolver,
  PostAssessmentResolver,
  PressureQueryResolver,
  AssessmentMutationResolver,
  AppointmentScoreResolver,
];

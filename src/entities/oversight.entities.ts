import { AccountabilityCaseProblemEntity } from "./accountability-case-problem.entity";
import { AccountabilityCaseEntity } from "./accountability-case.entity";
import { InspectionEntity } from "./inspection.entity";
import { NegativeListEntryEntity } from "./negative-list-entry.entity";
import { ProblemCategoryEntity } from "./problem-category.entity";
import { ProblemEventEntity } from "./problem-event.entity";
import { ProblemEntity } from "./problem.entity";
import { RectificationProjectEntity } from "./rectification-project.entity";

/** The entities of inspections, problems, rectification, accountability and the negative list; index.ts adds them. */
export const oversightEntities: Function[] = [
  ProblemCategoryEntity,
  InspectionEntity,
  ProblemEntity,
  RectificationProjectEntity,
  ProblemEventEntity,
  AccountabilityCaseEntity,
  AccountabilityCaseProblemEntity,
  NegativeListEntryEntity,
];

export {
  AccountabilityCaseEntity,
  AccountabilityCaseProblemEntity,
  InspectionEntity,
  NegativeListEntryEntity,
  ProblemCategoryEntity,
  ProblemEntity,
  ProblemEventEntity,
  RectificationProjectEntity,
};
export * from "./oversight-enums";

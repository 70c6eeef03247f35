// Registers the oversight facts (overdue problems, accountability cases, negative list) with
// scoring: every process that serves the schema scores with them.
import "../services/oversight/scoring-facts";
import "../schema/oversight-enums";
// Registers this feature's types with node(id).
import "./oversight-node";
import { AccountabilityCaseResolver } from "./accountability.resolver";
import { InspectionResolver } from "./inspection.resolver";
import { NegativeListEntryResolver } from "./negative-list.resolver";
import {
  AccountabilityCaseConnectionResolver,
  InspectionConnectionResolver,
  NegativeListEntryConnectionResolver,
  ProblemConnectionResolver,
} from "./oversight-connection.resolver";
import { OrganizationOversightResolver, OversightReportResolver } from "./oversight-report.resolver";
import { ProblemCategoryResolver, ProblemEventResolver, RectificationProjectResolver } from "./problem-detail.resolver";
import { ProblemResolver, ProblemTraceLinkResolver } from "./problem.resolver";

/** The resolvers of inspections, problems, rectification, accountability and the negative list; build-schema.ts adds them. */
export const oversightResolvers: Function[] = [
  ProblemResolver,
  ProblemTraceLinkResolver,
  ProblemEventResolver,
  RectificationProjectResolver,
  ProblemCategoryResolver,
  InspectionResolver,
  AccountabilityCaseResolver,
  NegativeListEntryResolver,
  OversightReportResolver,
  OrganizationOversightResolver,
  ProblemConnectionResolver,
  InspectionConnectionResolver,
  AccountabilityCaseConnectionResolver,
  NegativeListEntryConnectionResolver,
];

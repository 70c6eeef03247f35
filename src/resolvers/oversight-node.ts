import {
  AccountabilityCaseEntity,
  InspectionEntity,
  NegativeListEntryEntity,
  ProblemCategoryEntity,
  ProblemEntity,
  ProblemEventEntity,
  RectificationProjectEntity,
} from "../entities/oversight.entities";
import { OversightQueryService } from "../services/oversight/oversight-query.service";
import { oversightLoaders } from "../services/oversight/oversight-loaders";
import { ProblemQueryService } from "../services/oversight/problem-query.service";
import type { RequestContext } from "../services/request-context";
import { registerNodeSource } from "../schema/node-registry";

/**
 * This feature's types for node(id) and Node.resolveType (schema/node-registry.ts). Each
 * loads through its service, which applies the caller's scope: an object the caller may not
 * read is null, like an unknown id.
 */
const TYPES: [string, Function][] = [
  ["Problem", ProblemEntity],
  ["ProblemEvent", ProblemEventEntity],
  ["RectificationProject", RectificationProjectEntity],
  ["ProblemCategory", ProblemCategoryEntity],
  ["Inspection", InspectionEntity],
  ["AccountabilityCase", AccountabilityCaseEntity],
  ["NegativeListEntry", NegativeListEntryEntity],
];

const problems = new ProblemQueryService();
const queries = new OversightQueryService();

for (const [typeName, entity] of TYPES) {
  registerNodeSource({ typeName, entity, load: (ctx, id) => oversightNode(ctx, typeName, id) });
}

export async function oversightNode(ctx: RequestContext, type: string, id: number): Promise<object | null> {
  switch (type) {
    case "Problem":
      return problems.byId(ctx, id);
    case "ProblemEvent": {
      const event = await ctx.em.findOneBy(ProblemEventEntity, { id });
      return event && (await problems.byId(ctx, event.problemId)) ? event : null;
    }
    case "RectificationProject": {
      const project = await oversightLoaders(ctx).projectById.load(id);
      return project && (await problems.byId(ctx, project.problemId)) ? project : null;
    }
    case "ProblemCategory":
      return oversightLoaders(ctx).categoryById.load(id);
    case "Inspection":
      return queries.inspectionById(ctx, id);
    case "AccountabilityCase":
      return queries.caseById(ctx, id);
    case "NegativeListEntry":
      return queries.negativeListEntryById(ctx, id);
    default:
      return null;
  }
}

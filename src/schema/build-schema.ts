import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema as buildTypeGraphQLSchema } from "type-graphql";
import { AssessmentPeriodResolver } from "../resolvers/assessment-period.resolver";
import { assessmentResolvers } from "../resolvers/assessment-resolvers";
import { oversightResolvers } from "../resolvers/oversight-resolvers";
import { responsibilityResolvers } from "../resolvers/responsibility-resolvers";
import { authResolvers } from "../resolvers/auth-resolvers";
import { requireAuthentication } from "../resolvers/middleware/authentication.middleware";
import { mutationAudit } from "../resolvers/middleware/mutation-audit.middleware";
import { NodeResolver } from "../resolvers/node.resolver";
import { OrganizationConnectionResolver } from "../resolvers/organization-connection.resolver";
import { OrganizationMutationResolver } from "../resolvers/organization-mutation.resolver";
import { OrganizationResolver } from "../resolvers/organization.resolver";
import { StructureFindingResolver } from "../resolvers/structure-finding.resolver";
import { guardRootFields } from "./root-field-guards";
import { DateTimeScalar } from "./scalars";
import { resolveScalarArgumentsSynchronously } from "./synchronous-arguments";

export const resolvers: [Function, ...Function[]] = [
  NodeResolver,
  OrganizationResolver,
  OrganizationConnectionResolver,
  OrganizationMutationResolver,
  StructureFindingResolver,
  AssessmentPeriodResolver,
  ...responsibilityResolvers,
  ...assessmentResolvers,
  ...oversightResolvers,
  ...authResolvers,
];

/**
 * The executable schema. Argument validation is off on purpose: bounds and formats are
 * checked in the services, so the GraphQL API and the command-line tools apply the same
 * rules and report them with the same BAD_USER_INPUT errors.
 */
export async function buildSchema(): Promise<GraphQLSchema> {
  const schema = await buildTypeGraphQLSchema({
    resolvers,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    emitSchemaFile: false,
  });
  resolveScalarArgumentsSynchronously(schema, resolvers);
  // Authentication first, then the guarantee that every mutation leaves an audit entry.
  return guardRootFields(schema, [requireAuthentication, mutationAudit]);
}

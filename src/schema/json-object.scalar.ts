import { GraphQLScalarType } from "graphql";
import { JSONObjectResolver } from "graphql-scalars";

/** graphql-scalars' JSONObject with a bilingual description, like every other type of the schema. */
export const JSONObjectScalar = new GraphQLScalarType({
  ...JSONObjectResolver.toConfig(),
  description: "JSON对象 A JSON object, such as the provenance of a score (every input and step, exact values as text)",
});

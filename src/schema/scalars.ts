import { GraphQLScalarType } from "graphql";
import { DateResolver, GraphQLJSON } from "graphql-scalars";
import { GraphQLISODateTime } from "type-graphql";

/**
 * The libraries' date scalars with bilingual descriptions, like every other type of the
 * schema; names and behaviour are the libraries' own.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLISODateTime.toConfig(),
  description: "时间 A date-time in UTC, ISO 8601 (RFC 3339), such as 2026-03-01T08:00:00.000Z",
});

export const DateScalar = new GraphQLScalarType({
  ...DateResolver.toConfig(),
  description: "日期 A calendar date, ISO 8601 YYYY-MM-DD, such as 2026-06-30",
});

export const JsonScalar = new GraphQLScalarType({
  ...GraphQLJSON.toConfig(),
  description: "JSON 任意JSON值 Any JSON value (audit snapshots, score provenance)",
});

import { isEnumType, isInputObjectType, isObjectType, type GraphQLSchema } from "graphql";
import { buildSchema } from "../../src/schema/build-schema";

/**
 * Every type, field, argument and enum value this feature adds is described in Chinese and
 * English (the schema-wide test checks types and enum values; this one also fields and
 * arguments, for the oversight part).
 */
const TYPES = [
  "Problem",
  "ProblemEvent",
  "RectificationProject",
  "ProblemCategory",
  "ProblemTraceLink",
  "ProblemEdge",
  "ProblemConnection",
  "Inspection",
  "InspectionEdge",
  "InspectionConnection",
  "AccountabilityCase",
  "AccountabilityCaseEdge",
  "AccountabilityCaseConnection",
  "NegativeListEntry",
  "NegativeListEntryEdge",
  "NegativeListEntryConnection",
  "OversightReport",
  "AccountabilityFormCount",
  "RecordInspectionInput",
  "RecordProblemInput",
  "StartRectificationInput",
  "OpenAccountabilityCaseInput",
  "DecideLeadershipReviewInput",
  "ProblemFilter",
  "AccountabilityCaseFilter",
  "InspectionFilter",
  "CreateProblemCategoryInput",
  "UpdateProblemCategoryInput",
  "InspectionMethod",
  "ProblemSource",
  "ProblemSeverity",
  "ProblemState",
  "RectificationMode",
  "ProblemAction",
  "AccountabilitySubject",
  "AccountabilityForm",
  "AccountabilityCaseKind",
  "LeadershipRole",
  "AccountabilityStatus",
];

const ROOT_FIELDS = {
  Query: ["problem", "problems", "overdueProblems", "problemCategories", "inspection", "inspections", "accountabilityCase", "accountabilityCases", "negativeList", "oversightReport"],
  Mutation: [
    "recordInspection",
    "recordProblem",
    "startRectification",
    "submitProblemForVerification",
    "verifyProblem",
    "rejectProblemVerification",
    "reopenProblem",
    "extendProblemDeadline",
    "openAccountabilityCase",
    "decideLeadershipReview",
    "clearLeadershipReview",
    "addToNegativeList",
    "removeFromNegativeList",
    "createProblemCategory",
    "updateProblemCategory",
  ],
};

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;
const LATIN = /[A-Za-z]/;
const bilingual = (text: string | null | undefined) => text != null && CJK.test(text) && LATIN.test(text);

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildSchema();
});

test("every oversight type, field, argument and enum value is described in both languages", () => {
  const lacking: string[] = [];
  for (const name of TYPES) {
    const type = schema.getType(name);
    if (!type) {
      lacking.push(`${name} (missing)`);
      continue;
    }
    if (!bilingual(type.description)) lacking.push(name);
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!bilingual(field.description)) lacking.push(`${name}.${field.name}`);
        for (const arg of "args" in field ? field.args : []) if (!bilingual(arg.description)) lacking.push(`${name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!bilingual(value.description)) lacking.push(`${name}.${value.name}`);
  }
  for (const [root, names] of Object.entries(ROOT_FIELDS)) {
    const fields = (root === "Query" ? schema.getQueryType() : schema.getMutationType())!.getFields();
    for (const name of names) {
      const field = fields[name];
      if (!field) {
        lacking.push(`${root}.${name} (missing)`);
        continue;
      }
      if (!bilingual(field.description)) lacking.push(`${root}.${name}`);
      for (const arg of field.args) if (!bilingual(arg.description)) lacking.push(`${root}.${name}(${arg.name})`);
    }
  }
  const organization = schema.getType("Organization");
  if (isObjectType(organization)) {
    const field = organization.getFields().negativeListing;
    if (!field || !bilingual(field.description) || !field.args.every((arg) => bilingual(arg.description))) lacking.push("Organization.negativeListing");
  }
  expect(lacking).toEqual([]);
});

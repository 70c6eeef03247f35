import { OrgKind, type OrganizationEntity } from "../../src/entities";
import { toGlobalId } from "../../src/schema/global-id";
import { buildOrganization } from "../helpers/factories";
import type { GraphQLResponse, TestServer } from "../helpers/test-server";

/** Fails the test with the server's errors instead of a confusing undefined later. */
export function ok<T = any>(response: GraphQLResponse<T>): T {
  if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
  return response.data as T;
}

/** The single error's code (and that nothing else came back). */
export function errorCode(response: GraphQLResponse): string | undefined {
  expect(response.errors).toHaveLength(1);
  return response.errors![0].extensions?.code;
}

export const orgId = (organization: OrganizationEntity) => toGlobalId("Organization", organization.id);

/**
 * A department as the 三级五岗 list sees it: province → working committee → party group,
 * with an organ committee (and its discipline committee) and `branches` branches below it.
 */
export async function buildUnit(server: TestServer, branches = 2) {
  const ctx = server.context();
  const province = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE });
  const workingCommittee = await buildOrganization(ctx, { kind: OrgKind.WORKING_COMMITTEE, parent: province });
  const partyGroup = await buildOrganization(ctx, { kind: OrgKind.PARTY_GROUP, parent: workingCommittee });
  const organCommittee = await buildOrganization(ctx, { kind: OrgKind.ORGAN_COMMITTEE, parent: partyGroup });
  const disciplineCommittee = await buildOrganization(ctx, { kind: OrgKind.DISCIPLINE_COMMITTEE, parent: partyGroup });
  const branchNodes: OrganizationEntity[] = [];
  for (let i = 0; i < branches; i++) branchNodes.push(await buildOrganization(ctx, { kind: OrgKind.BRANCH, parent: organCommittee }));
  return { province, workingCommittee, partyGroup, organCommittee, disciplineCommittee, branches: branchNodes };
}

export async function createPerson(server: TestServer, name: string): Promise<string> {
  return ok(await server.gql(`mutation($name: String!) { createPerson(name: $name) { id } }`, { name })).createPerson.id;
}

export async function appoint(server: TestServer, personId: string, organization: OrganizationEntity, postKind: string, startDate: string, endDate?: string): Promise<string> {
  const response = await server.gql(
    `mutation($input: AppointInput!) { appoint(input: $input) { id } }`,
    { input: { personId, organizationId: orgId(organization), postKind, startDate, endDate } },
  );
  return ok(response).appoint.id;
}

export async function installBuiltIn(server: TestServer): Promise<string> {
  return ok(await server.gql(`mutation { installBuiltInCatalog { id } }`)).installBuiltInCatalog.id;
}

export async function assign(server: TestServer, catalogId: string, under: OrganizationEntity) {
  return ok(
    await server.gql(
      `mutation($catalogId: ID!, $under: ID!) { assignCatalog(catalogId: $catalogId, under: $under) { organizations appointments created existing linked } }`,
      { catalogId, under: orgId(under) },
    ),
  ).assignCatalog;
}

export async function createPeriod(server: TestServer, code: string): Promise<void> {
  const response = await server.gql(`mutation($code: String!) { createAssessmentPeriod(code: $code) { code } }`, { code });
  if (response.errors && response.errors[0].extensions?.code !== "CONFLICT") ok(response);
}

/** An organisation's own responsibilities in a period, keyed by item code. */
export async function statusesByCode(server: TestServer, organization: OrganizationEntity, period: string): Promise<Record<string, any>> {
  const data = ok(
    await server.gql(
      `query($id: ID!, $period: String!) { node(id: $id) { ... on Organization { responsibilities(period: $period) {
         responsibility { id item { code } derivedFrom { id } }
         scored completion automaticCompletion notApplicable source recordCount required due windowStart windowEnd setBy
       } } } }`,
      { id: orgId(organization), period },
    ),
  );
  return Object.fromEntries(data.node.responsibilities.map((s: any) => [s.responsibility.item.code, s]));
}

export async function record(server: TestServer, responsibilityId: string, date: string, evidenceKind = "MEETING", summary = "召开会议 A meeting") {
  return server.gql(
    `mutation($input: RecordFulfillmentInput!) { recordFulfillment(input: $input) { id date evidenceKind } }`,
    { input: { responsibilityId, date, evidenceKind, summary } },
  );
}

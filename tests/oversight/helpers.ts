import { OrgKind, type OrganizationEntity } from "../../src/entities";
import { DutyCategory, DutyType, PostKind, type ResponsibilityEntity } from "../../src/entities/responsibility.entities";
import { toGlobalId } from "../../src/schema/global-id";
import { setOversightClock } from "../../src/services/oversight/clock";
import { AppointmentService } from "../../src/services/responsibility/appointment.service";
import { LocalResponsibilityService } from "../../src/services/responsibility/local-responsibility.service";
import { PersonService } from "../../src/services/responsibility/person.service";
import { buildOrganization, uniqueCode } from "../helpers/factories";
import type { GraphQLResponse, TestServer } from "../helpers/test-server";

/** Fails the test with the server's errors instead of a confusing undefined later. */
export function ok<T = any>(response: GraphQLResponse<T>): T {
  if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
  return response.data as T;
}

/** The single error's code (and that nothing else came back). */
export function errorOf(response: GraphQLResponse): { code: string | undefined; message: string; extensions: Record<string, unknown> } {
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  return { code: error.extensions?.code, message: error.message, extensions: error.extensions ?? {} };
}

export const gid = (organization: OrganizationEntity) => toGlobalId("Organization", organization.id);
export const rid = (responsibility: ResponsibilityEntity) => toGlobalId("Responsibility", responsibility.id);
export const aid = (appointmentId: number) => toGlobalId("Appointment", appointmentId);

/** Sets "today" for the oversight feature (the server runs in the test's process). */
export const today = (day: string | null) => setOversightClock(day);

/**
 * A department: province → working committee → party group (with its discipline committee)
 * → organ committee → branches; a secretary in each, a party-group member, and one
 * responsibility per organisation (the branch's derived from the organ committee's, derived
 * from the party group's), plus a duty of the branch secretary derived from the branch's.
 */
export async function buildUnit(server: TestServer, branches = 2) {
  const ctx = server.context();
  const province = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE });
  const workingCommittee = await buildOrganization(ctx, { kind: OrgKind.WORKING_COMMITTEE, parent: province });
  const partyGroup = await buildOrganization(ctx, { kind: OrgKind.PARTY_GROUP, parent: workingCommittee });
  const disciplineCommittee = await buildOrganization(ctx, { kind: OrgKind.DISCIPLINE_COMMITTEE, parent: partyGroup });
  const organCommittee = await buildOrganization(ctx, { kind: OrgKind.ORGAN_COMMITTEE, parent: partyGroup });
  const branchNodes: OrganizationEntity[] = [];
  for (let i = 0; i < branches; i++) branchNodes.push(await buildOrganization(ctx, { kind: OrgKind.BRANCH, parent: organCommittee }));

  const people = new PersonService();
  const appointments = new AppointmentService();
  const appoint = async (organization: OrganizationEntity, postKind: PostKind, name: string) => {
    const person = await people.create(ctx, name);
    return appointments.appoint(ctx, { personId: person.id, organizationId: organization.id, postKind, startDate: "2020-01-01" });
  };
  const partyGroupSecretary = await appoint(partyGroup, PostKind.PARTY_GROUP_SECRETARY, "党组书记");
  const partyGroupMember = await appoint(partyGroup, PostKind.PARTY_GROUP_MEMBER, "分管领导");
  const organSecretary = await appoint(organCommittee, PostKind.ORGAN_COMMITTEE_SECRETARY, "机关党委书记");
  const branchSecretaries = [];
  for (const branch of branchNodes) branchSecretaries.push(await appoint(branch, PostKind.BRANCH_SECRETARY, "支部书记"));

  const local = new LocalResponsibilityService();
  const duty = (organization: OrganizationEntity, derivedFromId: number | null, appointmentId: number | null = null) =>
    local.add(ctx, {
      organizationId: organization.id,
      appointmentId,
      derivedFromId,
      code: uniqueCode("D"),
      title: "落实组织生活制度 Organisational life",
      dutyType: appointmentId === null ? DutyType.PRIMARY : DutyType.FIRST_PERSON,
      category: DutyCategory.ORGANIZATIONAL,
      weight: 1,
    });
  const partyGroupDuty = await duty(partyGroup, null);
  const organDuty = await duty(organCommittee, partyGroupDuty.id);
  const branchDuties = [];
  const branchSecretaryDuties = [];
  for (let i = 0; i < branchNodes.length; i++) {
    const branchDuty = await duty(branchNodes[i], organDuty.id);
    branchDuties.push(branchDuty);
    branchSecretaryDuties.push(await duty(branchNodes[i], branchDuty.id, branchSecretaries[i].id));
  }
  return {
    province,
    workingCommittee,
    partyGroup,
    disciplineCommittee,
    organCommittee,
    branches: branchNodes,
    partyGroupSecretary,
    partyGroupMember,
    organSecretary,
    branchSecretaries,
    partyGroupDuty,
    organDuty,
    branchDuties,
    branchSecretaryDuties,
  };
}

export type Unit = Awaited<ReturnType<typeof buildUnit>>;

export const PROBLEM_FIELDS = `id state deadline foundOn closedOn reopenCount rectificationMode overdue nextActions
  owner { id } category { code } organization { id }`;

export async function recordProblem(server: TestServer, responsibility: ResponsibilityEntity, extra: Record<string, unknown> = {}, headers?: Record<string, string>) {
  return server.gql(
    `mutation($i: RecordProblemInput!) { recordProblem(input: $i) { ${PROBLEM_FIELDS} } }`,
    {
      i: {
        responsibilityId: rid(responsibility),
        category: "RULES_NOT_ENFORCED",
        source: "PATROL",
        severity: "SERIOUS",
        title: "三会一课不规范",
        description: "支部委员会会议记录不全 Branch committee minutes incomplete",
        ...extra,
      },
    },
    headers,
  );
}

export async function startRectification(server: TestServer, problemId: string, dueDate: string, extra: Record<string, unknown> = {}) {
  return server.gql(
    `mutation($i: StartRectificationInput!) { startRectification(input: $i) { ${PROBLEM_FIELDS} currentProject { id dueDate mode owner { id } } } }`,
    { i: { problemId, mode: "BY_DEADLINE", goal: "规范会议记录", measures: "建立台账，逐月检查", startDate: "2026-03-10", dueDate, ...extra } },
  );
}

export const submit = (server: TestServer, id: string, summary = "已整改完毕 Done") =>
  server.gql(`mutation($id: ID!, $s: String!) { submitProblemForVerification(id: $id, summary: $s) { ${PROBLEM_FIELDS} } }`, { id, s: summary });

export const verify = (server: TestServer, id: string, verifier: OrganizationEntity) =>
  server.gql(`mutation($id: ID!, $v: ID!) { verifyProblem(id: $id, verifierId: $v, note: "验收通过") { ${PROBLEM_FIELDS} } }`, { id, v: gid(verifier) });

export const reject = (server: TestServer, id: string, reason = "整改不彻底") =>
  server.gql(`mutation($id: ID!, $r: String!) { rejectProblemVerification(id: $id, reason: $r) { ${PROBLEM_FIELDS} } }`, { id, r: reason });

export const reopen = (server: TestServer, id: string, reason = "回头看发现问题反弹", deadline?: string) =>
  server.gql(`mutation($id: ID!, $r: String!, $d: Date) { reopenProblem(id: $id, reason: $r, deadline: $d) { ${PROBLEM_FIELDS} } }`, { id, r: reason, d: deadline });

export const extend = (server: TestServer, id: string, deadline: string, reason = "涉及制度修订，需延期") =>
  server.gql(`mutation($id: ID!, $d: Date!, $r: String!) { extendProblemDeadline(id: $id, deadline: $d, reason: $r) { ${PROBLEM_FIELDS} } }`, { id, d: deadline, r: reason });

/** A user of `role` scoped to `scope`, logged in; returns the Authorization header. */
export async function userHeaders(server: TestServer, role: string, scope: OrganizationEntity | null): Promise<Record<string, string>> {
  const username = uniqueCode("u").toLowerCase();
  const password = "password-of-" + username;
  ok(
    await server.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { username, password, role, scopeId: scope ? gid(scope) : null },
    }),
  );
  return { authorization: `Bearer ${await server.login(username, password)}` };
}

export async function createPeriod(server: TestServer, code: string): Promise<void> {
  const response = await server.gql(`mutation($code: String!) { createAssessmentPeriod(code: $code) { code } }`, { code });
  if (response.errors && response.errors[0].extensions?.code !== "CONFLICT") ok(response);
}

import { startTestServer, type TestServer } from "../helpers/test-server";
import { appoint, buildUnit, createPerson, errorCode, ok, orgId } from "./helpers";

/** 岗位: people, appointments and the rules on them, through the HTTP endpoint. */
let server: TestServer;
let unit: Awaited<ReturnType<typeof buildUnit>>;

beforeAll(async () => {
  server = await startTestServer();
  unit = await buildUnit(server, 1);
});
afterAll(() => server.close());

const APPOINT = `mutation($input: AppointInput!) { appoint(input: $input) { id postKind startDate endDate person { name } organization { code } } }`;

test("a person is a name, and nothing sensitive is asked for", async () => {
  const response = await server.gql(`mutation { createPerson(name: "  张三  ") { id name appointments { id } } }`);
  expect(ok(response).createPerson).toMatchObject({ name: "张三", appointments: [] });
  expect(errorCode(await server.gql(`mutation { createPerson(name: "   ") { id } }`))).toBe("BAD_USER_INPUT");
});

test("an appointment in the wrong kind of organisation is refused", async () => {
  const person = await createPerson(server, "李四");
  const response = await server.gql(APPOINT, {
    input: { personId: person, organizationId: orgId(unit.partyGroup), postKind: "BRANCH_SECRETARY", startDate: "2024-01-01" },
  });
  expect(errorCode(response)).toBe("BAD_USER_INPUT");
  expect(response.errors![0].message).toContain("BRANCH_SECRETARY");
  const person2 = await server.gql(`query($id: ID!) { person(id: $id) { appointments { id } } }`, { id: person });
  expect(ok(person2).person.appointments).toEqual([]);
});

test("one secretary at a time: overlapping secretaries are refused, a successor after the end is not", async () => {
  const first = await createPerson(server, "王书记");
  const second = await createPerson(server, "赵书记");
  const firstPost = await appoint(server, first, unit.partyGroup, "PARTY_GROUP_SECRETARY", "2023-01-01");
  const overlapping = await server.gql(APPOINT, {
    input: { personId: second, organizationId: orgId(unit.partyGroup), postKind: "PARTY_GROUP_SECRETARY", startDate: "2024-06-01" },
  });
  expect(errorCode(overlapping)).toBe("CONFLICT");

  ok(await server.gql(`mutation($id: ID!) { endAppointment(id: $id, endDate: "2024-05-31") { endDate } }`, { id: firstPost }));
  const successor = ok(
    await server.gql(APPOINT, { input: { personId: second, organizationId: orgId(unit.partyGroup), postKind: "PARTY_GROUP_SECRETARY", startDate: "2024-06-01" } }),
  ).appoint;
  expect(successor).toMatchObject({ postKind: "PARTY_GROUP_SECRETARY", startDate: "2024-06-01", endDate: null, person: { name: "赵书记" } });

  // Several other members may serve at once, but not the same person twice.
  const member = await createPerson(server, "钱委员");
  await appoint(server, member, unit.partyGroup, "PARTY_GROUP_MEMBER", "2024-01-01");
  await appoint(server, await createPerson(server, "孙委员"), unit.partyGroup, "PARTY_GROUP_MEMBER", "2024-01-01");
  const twice = await server.gql(APPOINT, {
    input: { personId: member, organizationId: orgId(unit.partyGroup), postKind: "PARTY_GROUP_MEMBER", startDate: "2025-01-01" },
  });
  expect(errorCode(twice)).toBe("CONFLICT");
});

test("leadership on a day, and a person's posts over time", async () => {
  const LEADERSHIP = `query($id: ID!, $on: Date) { node(id: $id) { ... on Organization { leadership(on: $on) { postKind person { name } current(on: $on) } } } }`;
  const before = ok(await server.gql(LEADERSHIP, { id: orgId(unit.partyGroup), on: "2024-05-31" })).node.leadership;
  expect(before.map((a: any) => [a.postKind, a.person.name])).toEqual([
    ["PARTY_GROUP_SECRETARY", "王书记"],
    ["PARTY_GROUP_MEMBER", "钱委员"],
    ["PARTY_GROUP_MEMBER", "孙委员"],
  ]);
  const after = ok(await server.gql(LEADERSHIP, { id: orgId(unit.partyGroup), on: "2024-06-01" })).node.leadership;
  expect(after[0].person.name).toBe("赵书记");
  expect(after.every((a: any) => a.current)).toBe(true);

  // The same person moves from a branch to the organ committee.
  const person = await createPerson(server, "周同志");
  const branchPost = await appoint(server, person, unit.branches[0], "BRANCH_SECRETARY", "2020-03-01", "2022-12-31");
  await appoint(server, person, unit.organCommittee, "ORGAN_COMMITTEE_SECRETARY", "2023-01-01");
  const history = ok(
    await server.gql(`query($id: ID!) { person(id: $id) { appointments { id postKind startDate endDate organization { code } } } }`, { id: person }),
  ).person.appointments;
  expect(history.map((a: any) => [a.postKind, a.startDate, a.endDate])).toEqual([
    ["BRANCH_SECRETARY", "2020-03-01", "2022-12-31"],
    ["ORGAN_COMMITTEE_SECRETARY", "2023-01-01", null],
  ]);
  expect(history[0]).toMatchObject({ id: branchPost, organization: { code: unit.branches[0].code } });
});

test("bad dates and unknown ids are refused without a trace", async () => {
  const person = await createPerson(server, "吴同志");
  const backwards = await server.gql(APPOINT, {
    input: { personId: person, organizationId: orgId(unit.disciplineCommittee), postKind: "DISCIPLINE_SECRETARY", startDate: "2024-06-01", endDate: "2024-05-01" },
  });
  expect(errorCode(backwards)).toBe("BAD_USER_INPUT");
  const notADate = await server.gql(APPOINT, {
    input: { personId: person, organizationId: orgId(unit.disciplineCommittee), postKind: "DISCIPLINE_SECRETARY", startDate: "2024-02-30" },
  });
  expect(notADate.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  const unknownPerson = await server.gql(APPOINT, {
    input: { personId: "UGVyc29uOjk5OTk5", organizationId: orgId(unit.disciplineCommittee), postKind: "DISCIPLINE_SECRETARY", startDate: "2024-06-01" },
  });
  expect(errorCode(unknownPerson)).toBe("NOT_FOUND");
  const leadership = ok(await server.gql(`query($id: ID!) { node(id: $id) { ... on Organization { leadership { id } } } }`, { id: orgId(unit.disciplineCommittee) }));
  expect(leadership.node.leadership).toEqual([]);
});

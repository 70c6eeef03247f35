import { startTestServer, type TestServer } from "../helpers/test-server";
import { errorCode, installBuiltIn, ok } from "./helpers";

/** 责任清单: the built-in 三级五岗 catalog, versions, drafts and their rules, through HTTP. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const ITEM_FIELDS = `id code title description subjectOrgKind subjectPostKind dutyType category weight evidenceKinds
  requirement { minCount per evidenceKind } derivesFrom { code }`;

test("the built-in catalog has the 59 items of 三级五岗, by subject", async () => {
  const id = await installBuiltIn(server);
  const { node } = ok(
    await server.gql(`query($id: ID!) { node: catalog(id: $id) { code version status items { ${ITEM_FIELDS} children { ${ITEM_FIELDS} children { code } } } } }`, { id }),
  );
  expect(node).toMatchObject({ code: "SANJI-WUGANG", version: 1, status: "PUBLISHED" });
  const items: any[] = node.items;
  expect(items).toHaveLength(59);
  const bySubject = (subject: string) => items.filter((item) => (item.subjectOrgKind ?? item.subjectPostKind) === subject);
  expect({
    partyGroup: bySubject("PARTY_GROUP").length,
    organAndDiscipline: bySubject("ORGAN_COMMITTEE").length + bySubject("DISCIPLINE_COMMITTEE").length,
    branch: bySubject("BRANCH").length,
    partyGroupSecretary: bySubject("PARTY_GROUP_SECRETARY").length,
    partyGroupMember: bySubject("PARTY_GROUP_MEMBER").length,
    organCommitteeSecretary: bySubject("ORGAN_COMMITTEE_SECRETARY").length,
    disciplineSecretary: bySubject("DISCIPLINE_SECRETARY").length,
    branchSecretary: bySubject("BRANCH_SECRETARY").length,
  }).toEqual({
    partyGroup: 11,
    organAndDiscipline: 15,
    branch: 6,
    partyGroupSecretary: 7,
    partyGroupMember: 4,
    organCommitteeSecretary: 5,
    disciplineSecretary: 5,
    branchSecretary: 6,
  });

  // Each subject's 大项 weigh 100 in all, and a 大项 weighs what its 小项 weigh (in hundredths: exact).
  const subjects = new Set(items.map((item) => item.subjectOrgKind ?? item.subjectPostKind));
  for (const subject of subjects) {
    expect(bySubject(subject).reduce((sum, item) => sum + Math.round(item.weight * 100), 0)).toBe(10000);
  }
  for (const item of items.filter((i) => i.children.length > 0)) {
    expect(item.children.reduce((sum: number, child: any) => sum + Math.round(child.weight * 100), 0)).toBe(Math.round(item.weight * 100));
    expect(item.requirement).toBeNull();
  }

  // 三会一课 and the posts' quantitative duties.
  const threeMeetings = items.find((item) => item.code === "BR-02");
  expect(threeMeetings.title).toContain("三会一课");
  expect(threeMeetings.children.map((c: any) => [c.title, c.requirement])).toEqual([
    ["支部党员大会", { minCount: 1, per: "QUARTER", evidenceKind: "MEETING" }],
    ["支部委员会会议", { minCount: 1, per: "MONTH", evidenceKind: "MEETING" }],
    ["党小组会", { minCount: 1, per: "MONTH", evidenceKind: "MEETING" }],
    ["党课", { minCount: 1, per: "QUARTER", evidenceKind: "LECTURE" }],
  ]);
  const requirementOf = (code: string) => items.find((item) => item.code === code).requirement;
  expect(requirementOf("PGS-02")).toEqual({ minCount: 1, per: "HALF_YEAR", evidenceKind: "MEETING" });
  expect(requirementOf("OCS-02")).toEqual({ minCount: 1, per: "QUARTER", evidenceKind: "MEETING" });
  expect(requirementOf("DCS-02")).toEqual({ minCount: 1, per: "HALF_YEAR", evidenceKind: "MEETING" });

  // Duty types follow 四责协同; derivations point at organisation items above.
  expect(new Set(bySubject("DISCIPLINE_COMMITTEE").map((i) => i.dutyType))).toEqual(new Set(["SUPERVISORY"]));
  expect(new Set(bySubject("PARTY_GROUP_MEMBER").map((i) => i.dutyType))).toEqual(new Set(["DUAL_DUTY"]));
  expect(new Set(bySubject("BRANCH_SECRETARY").map((i) => i.dutyType))).toEqual(new Set(["FIRST_PERSON"]));
  expect(threeMeetings.derivesFrom).toEqual({ code: "OC-05" });

  // Installing again changes nothing.
  expect(await installBuiltIn(server)).toBe(id);
  expect(ok(await server.gql(`{ catalogs { code version } }`)).catalogs).toEqual([{ code: "SANJI-WUGANG", version: 1 }]);
});

const ADD_ITEM = `mutation($catalogId: ID!, $input: CatalogItemInput!) { addCatalogItem(catalogId: $catalogId, input: $input) { ${ITEM_FIELDS} } }`;
const item = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  title: `条目 ${code}`,
  subjectOrgKind: "BRANCH",
  dutyType: "PRIMARY",
  category: "ORGANIZATIONAL",
  weight: 10,
  evidenceKinds: ["MEETING"],
  ...extra,
});

test("a published version is immutable; changes make a new version", async () => {
  const builtIn = await installBuiltIn(server);
  const refused = await server.gql(ADD_ITEM, { catalogId: builtIn, input: item("X-1") });
  expect(errorCode(refused)).toBe("CONFLICT");

  const draft = ok(await server.gql(`mutation { createCatalogVersion(code: "SANJI-WUGANG") { id version status } }`)).createCatalogVersion;
  expect(draft).toMatchObject({ version: 2, status: "DRAFT" });
  expect(errorCode(await server.gql(`mutation { createCatalogVersion(code: "SANJI-WUGANG") { id } }`))).toBe("CONFLICT");
  const copy = ok(await server.gql(`query($id: ID!) { catalog(id: $id) { allItems { code derivesFrom { code catalog { version } } } } }`, { id: draft.id })).catalog.allItems;
  expect(copy).toHaveLength(63);
  expect(copy.find((i: any) => i.code === "BR-02").derivesFrom).toEqual({ code: "OC-05", catalog: { version: 2 } });

  const added = ok(await server.gql(ADD_ITEM, { catalogId: draft.id, input: item("BR-07", { weight: 12.5, requirement: { minCount: 2, per: "YEAR", evidenceKind: "REPORT" } }) })).addCatalogItem;
  expect(added).toMatchObject({ code: "BR-07", weight: 12.5, requirement: { minCount: 2, per: "YEAR", evidenceKind: "REPORT" } });
  expect(added.evidenceKinds).toEqual(["MEETING", "REPORT"]);
  const updated = ok(await server.gql(`mutation($id: ID!) { updateCatalogItem(id: $id, input: { weight: 7.25, removeRequirement: true }) { weight requirement { minCount } } }`, { id: added.id }));
  expect(updated.updateCatalogItem).toEqual({ weight: 7.25, requirement: null });
  ok(await server.gql(`mutation($id: ID!) { publishCatalog(id: $id) { status } }`, { id: draft.id }));
  const frozen = await server.gql(`mutation($id: ID!) { updateCatalogItem(id: $id, input: { weight: 8 }) { weight } }`, { id: added.id });
  expect(errorCode(frozen)).toBe("CONFLICT");
  expect(ok(await server.gql(`{ catalogs { version status } }`)).catalogs).toEqual([
    { version: 1, status: "PUBLISHED" },
    { version: 2, status: "PUBLISHED" },
  ]);
});

test("bad items get a clear error and change nothing", async () => {
  const draft = ok(await server.gql(`mutation { createCatalog(input: { code: "TEST-LIST", title: "测试清单" }) { id } }`)).createCatalog.id;
  const parent = ok(await server.gql(ADD_ITEM, { catalogId: draft, input: item("A") })).addCatalogItem;

  const zeroWeight = await server.gql(ADD_ITEM, { catalogId: draft, input: item("B", { weight: 0 }) });
  expect(errorCode(zeroWeight)).toBe("BAD_USER_INPUT");
  expect(zeroWeight.errors![0].extensions?.problems).toEqual([{ column: "weight", reason: "must be greater than 0" }]);
  expect(errorCode(await server.gql(ADD_ITEM, { catalogId: draft, input: item("B", { weight: -3 }) }))).toBe("BAD_USER_INPUT");
  expect(errorCode(await server.gql(ADD_ITEM, { catalogId: draft, input: item("B", { weight: 1.234 }) }))).toBe("BAD_USER_INPUT");
  expect(errorCode(await server.gql(ADD_ITEM, { catalogId: draft, input: item("B", { subjectPostKind: "BRANCH_SECRETARY" }) }))).toBe("BAD_USER_INPUT");
  expect(errorCode(await server.gql(ADD_ITEM, { catalogId: draft, input: item("B", { parentId: "Q2F0YWxvZ0l0ZW06OTk5OTk" }) }))).toBe("BAD_USER_INPUT");
  expect(errorCode(await server.gql(ADD_ITEM, { catalogId: draft, input: item("A") }))).toBe("CONFLICT");
  expect(errorCode(await server.gql(ADD_ITEM, { catalogId: draft, input: item("B", { parentId: parent.id, subjectOrgKind: "PARTY_GROUP" }) }))).toBe("BAD_USER_INPUT");
  const unknownItem = await server.gql(`mutation { updateCatalogItem(id: "Q2F0YWxvZ0l0ZW06OTk5OTk", input: { weight: 2 }) { id } }`);
  expect(errorCode(unknownItem)).toBe("NOT_FOUND");
  expect(errorCode(await server.gql(`mutation($id: ID!) { updateCatalogItem(id: $id, input: { weight: 0 }) { id } }`, { id: parent.id }))).toBe("BAD_USER_INPUT");

  // A 大项 with 小项 may not carry a requirement of its own: refused at publication.
  ok(await server.gql(ADD_ITEM, { catalogId: draft, input: item("A-1", { parentId: parent.id }) }));
  ok(await server.gql(`mutation($id: ID!) { updateCatalogItem(id: $id, input: { requirement: { minCount: 1, per: MONTH } }) { id } }`, { id: parent.id }));
  expect(errorCode(await server.gql(`mutation($id: ID!) { publishCatalog(id: $id) { id } }`, { id: draft }))).toBe("BAD_USER_INPUT");

  const items = ok(await server.gql(`query($id: ID!) { catalog(id: $id) { status allItems { code weight parent { code } } } }`, { id: draft })).catalog;
  expect(items).toEqual({ status: "DRAFT", allItems: [{ code: "A", weight: 10, parent: null }, { code: "A-1", weight: 10, parent: { code: "A" } }] });
});

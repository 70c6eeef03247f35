import fs from "node:fs";
import path from "node:path";
import { startTestServer, type TestServer } from "../helpers/test-server";
import {
  byCode,
  contractRollup,
  fractionToPoints,
  gradeOf,
  hundredthsOf,
  KIND_ORDER,
  parseSimpleCsv,
  TreeModel,
  type GradeName,
} from "./reference-model";

/**
 * Every contract field of DOMAIN.md §6 over the sample files, through the HTTP endpoint,
 * against values computed independently here from the CSV text (reference-model.ts).
 */
const FIXTURES = path.join(__dirname, "..", "fixtures");
const ORGS = fs.readFileSync(path.join(FIXTURES, "orgs.csv"), "utf8");
const SCORES = fs.readFileSync(path.join(FIXTURES, "scores.csv"), "utf8");
const PERIODS = ["2026-H1", "2026-H2"];

let server: TestServer;
const models = new Map<string, TreeModel>();
const idOf = new Map<string, string>();

beforeAll(async () => {
  server = await startTestServer();
  const orgs = await server.gql(`mutation($csv: String!) { importOrganizations(csv: $csv) { created } }`, { csv: ORGS });
  expect(orgs.errors).toBeUndefined();
  const scores = await server.gql(
    `mutation($csv: String!) { importScores(csv: $csv) { imported replaced periods createdPeriods } }`,
    { csv: SCORES },
  );
  expect(scores.errors).toBeUndefined();
  expect(scores.data.importScores).toEqual({ imported: 124, replaced: 0, periods: PERIODS, createdPeriods: PERIODS });

  const listed = await server.gql(`{ organizations(first: 100) { totalCount nodes { id code } } }`);
  expect(listed.data.organizations.totalCount).toBe(63);
  for (const node of listed.data.organizations.nodes) idOf.set(node.code, node.id);

  const orgRows = parseSimpleCsv(ORGS);
  const codes = orgRows.map((row) => row.code);
  const number = new Map(codes.map((code, index) => [code, index + 1]));
  const nodes = orgRows.map((row) => ({
    id: number.get(row.code)!,
    code: row.code,
    parentId: row.parent_code ? number.get(row.parent_code)! : null,
    kind: row.kind,
  }));
  for (const period of PERIODS) {
    const scores = new Map<number, number>();
    const grades = new Map<number, GradeName>();
    for (const row of parseSimpleCsv(SCORES).filter((r) => r.period === period)) {
      const hundredths = hundredthsOf(row.score);
      scores.set(number.get(row.org_code)!, hundredths);
      grades.set(number.get(row.org_code)!, gradeOf(hundredths));
    }
    models.set(period, new TreeModel(nodes, scores, grades));
  }
});

afterAll(() => server.close());

const model = (period: string) => models.get(period)!;
const ownScore = (period: string, code: string) => {
  const m = model(period);
  const hundredths = m.scores.get(m.byCode.get(code)!.id);
  return hundredths === undefined ? null : hundredths / 100;
};

describe.each(PERIODS)("period %s", (period) => {
  test("assessment and both roll-up methods of every organisation", async () => {
    const response = await server.gql(
      `query($p: String!) { organizations(first: 100) { nodes { code
          assessment(period: $p) { score grade source }
          rollup(period: $p) { method organizationCount assessedCount coverage averageScore minScore maxScore
            childrenAverage attenuation gradeDistribution { grade count } }
          moc: rollup(period: $p, method: MEAN_OF_CHILDREN) { method organizationCount assessedCount averageScore childrenAverage attenuation }
      } } }`,
      { p: period },
    );
    expect(response.errors).toBeUndefined();
    const m = model(period);
    let assessedSeen = 0;
    for (const node of response.data.organizations.nodes) {
      const id = m.byCode.get(node.code)!.id;
      const own = m.scores.get(id) ?? null;
      expect(node.assessment).toEqual(own === null ? null : { score: own / 100, grade: gradeOf(own), source: "IMPORTED" });
      if (own !== null) assessedSeen++;
      const expected = m.rollup(id);
      expect({ code: node.code, ...node.rollup }).toEqual({ code: node.code, method: "SUBTREE_MEAN", ...contractRollup(expected, own) });
      // MEAN_OF_CHILDREN changes averageScore only.
      expect(node.moc).toMatchObject({
        method: "MEAN_OF_CHILDREN",
        organizationCount: node.rollup.organizationCount,
        assessedCount: node.rollup.assessedCount,
        childrenAverage: node.rollup.childrenAverage,
        attenuation: node.rollup.attenuation,
      });
      if (expected.moc === null) expect(node.moc.averageScore).toBeNull();
      else expect(Math.abs(node.moc.averageScore - fractionToPoints(expected.moc))).toBeLessThan(1e-9);
    }
    expect(assessedSeen).toBe(62);
  });

  test("a pressure chain runs from the root to the organisation with each drop from the parent", async () => {
    const code = "TR-WS-AGR-B2";
    const response = await server.gql(
      `query($p: String!, $c: String!) { organization(code: $c) { pressureChain(period: $p) { organization { code } ownScore dropFromParent } } }`,
      { p: period, c: code },
    );
    expect(response.errors).toBeUndefined();
    const chain = model(period).chain(model(period).byCode.get(code)!.id);
    const expected = chain.map((node, index) => {
      const own = ownScore(period, node.code);
      const parent = index === 0 ? null : ownScore(period, chain[index - 1].code);
      return {
        organization: { code: node.code },
        ownScore: own,
        dropFromParent: own === null || parent === null ? null : (Math.round(parent * 100) - Math.round(own * 100)) / 100,
      };
    });
    expect(expected.map((link) => link.organization.code)).toEqual(["GZ", "TR", "TR-WS", "TR-WS-GW", "TR-WS-AGR-PG", "TR-WS-AGR-OC", "TR-WS-AGR-B2"]);
    expect(expected[0].dropFromParent).toBeNull();
    expect(response.data.organization.pressureChain).toEqual(expected);
  });

  test.each(["GZ", "TR-BJ"])("level profile of %s by kind and by depth", async (code) => {
    const response = await server.gql(
      `query($p: String!, $c: String!) { organization(code: $c) {
          byKind: levelProfile(period: $p) { kind depth organizationCount assessedCount averageScore }
          byDepth: levelProfile(period: $p, by: DEPTH) { kind depth organizationCount assessedCount averageScore } } }`,
      { p: period, c: code },
    );
    expect(response.errors).toBeUndefined();
    const m = model(period);
    const members = m.subtree(m.byCode.get(code)!.id);
    const group = (key: (id: number) => string | number) => {
      const groups = new Map<string | number, { n: number; assessed: number; sum: number }>();
      for (const member of members) {
        const g = groups.get(key(member.id)) ?? { n: 0, assessed: 0, sum: 0 };
        g.n++;
        if (m.scores.has(member.id)) {
          g.assessed++;
          g.sum += m.scores.get(member.id)!;
        }
        groups.set(key(member.id), g);
      }
      return groups;
    };
    const kinds = group((id) => m.byId.get(id)!.kind);
    const expectedByKind = KIND_ORDER.filter((kind) => kinds.has(kind)).map((kind) => {
      const g = kinds.get(kind)!;
      return { kind, depth: null, organizationCount: g.n, assessedCount: g.assessed, averageScore: g.assessed ? g.sum / (100 * g.assessed) : null };
    });
    const depths = group((id) => m.depthOf(id));
    const expectedByDepth = [...depths.keys()]
      .sort((a, b) => Number(a) - Number(b))
      .map((depth) => {
        const g = depths.get(depth)!;
        return { kind: null, depth, organizationCount: g.n, assessedCount: g.assessed, averageScore: g.assessed ? g.sum / (100 * g.assessed) : null };
      });
    expect(response.data.organization.byKind).toEqual(expectedByKind);
    expect(response.data.organization.byDepth).toEqual(expectedByDepth);
  });

  function expectedHotspots(underCode: string | null, kind: string | null) {
    const m = model(period);
    const pool = underCode ? m.subtree(m.byCode.get(underCode)!.id) : [...m.byId.values()];
    return pool
      .filter((node) => m.scores.has(node.id) && (!kind || node.kind === kind))
      .map((node) => {
        const children = (m.children.get(node.id) ?? []).filter((c) => m.scores.has(c.id));
        const sum = children.reduce((a, c) => a + m.scores.get(c.id)!, 0);
        return { node, own: m.scores.get(node.id)!, cc: children.length, sum };
      })
      .filter((x) => x.cc > 0)
      .sort((a, b) => {
        // exact: (ownA − sumA/ccA) vs (ownB − sumB/ccB)
        const left = BigInt(a.own * a.cc - a.sum) * BigInt(b.cc);
        const right = BigInt(b.own * b.cc - b.sum) * BigInt(a.cc);
        return left > right ? -1 : left < right ? 1 : byCode(a.node.code, b.node.code);
      })
      .map((x) => ({
        organization: { code: x.node.code },
        ownScore: x.own / 100,
        childrenAverage: x.sum / (100 * x.cc),
        attenuation: (x.own * x.cc - x.sum) / (100 * x.cc),
        childrenAssessedCount: x.cc,
      }));
  }

  test.each([
    [null, null, 100],
    [null, null, 3],
    ["TR", null, 100],
    ["TR", "ORGAN_COMMITTEE", 5],
    [null, "WORKING_COMMITTEE", 20],
  ])("attenuation hot spots under %s of kind %s, first %d", async (under, kind, first) => {
    const response = await server.gql(
      `query($p: String!, $u: ID, $k: OrgKind, $f: Int) { attenuationHotspots(period: $p, under: $u, kind: $k, first: $f) {
          organization { code } ownScore childrenAverage attenuation childrenAssessedCount } }`,
      { p: period, u: under ? idOf.get(under) : null, k: kind, f: first },
    );
    expect(response.errors).toBeUndefined();
    const expected = expectedHotspots(under, kind).slice(0, first);
    expect(expected.length).toBeGreaterThan(0);
    expect(response.data.attenuationHotspots).toEqual(expected);
  });

  test("hot spots default to the first 20", async () => {
    const response = await server.gql(`query($p: String!) { attenuationHotspots(period: $p) { organization { code } } }`, { p: period });
    expect(response.data.attenuationHotspots.map((h: any) => h.organization.code)).toEqual(
      expectedHotspots(null, null)
        .slice(0, 20)
        .map((h) => h.organization.code),
    );
  });

  function expectedRankings(underCode: string | null, kind: string | null) {
    const m = model(period);
    const pool = underCode ? m.subtree(m.byCode.get(underCode)!.id) : [...m.byId.values()];
    const assessed = pool
      .filter((node) => m.scores.has(node.id) && (!kind || node.kind === kind))
      .sort((a, b) => m.scores.get(b.id)! - m.scores.get(a.id)! || byCode(a.code, b.code));
    return assessed.map((node) => ({
      rank: 1 + assessed.filter((other) => m.scores.get(other.id)! > m.scores.get(node.id)!).length,
      organization: { code: node.code },
      score: m.scores.get(node.id)! / 100,
      grade: gradeOf(m.scores.get(node.id)!),
    }));
  }

  test.each([
    [null, null, 100],
    [null, null, 7],
    ["TR", null, 100],
    ["GZ", "BRANCH", 10],
    [null, "PARTY_GROUP", 20],
  ])("rankings under %s of kind %s, first %d: ties share a rank and are ordered by code", async (under, kind, first) => {
    const response = await server.gql(
      `query($p: String!, $u: ID, $k: OrgKind, $f: Int) { rankings(period: $p, under: $u, kind: $k, first: $f) {
          rank organization { code } score grade } }`,
      { p: period, u: under ? idOf.get(under) : null, k: kind, f: first },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.rankings).toEqual(expectedRankings(under, kind).slice(0, first));
  });

  test("the fixture has tied scores, so shared ranks are exercised", () => {
    const ranks = expectedRankings(null, null).map((r) => r.rank);
    expect(new Set(ranks).size).toBeLessThan(ranks.length);
  });

  test("transmission report: upper levels vs branches, committees vs party groups, with counts", async () => {
    const response = await server.gql(
      `query($p: String!, $u: ID) { transmissionReport(period: $p, under: $u) {
          period { code } under { code }
          upperLevelsVsBranches { upper { members organizationCount assessedCount averageScore } lower { members organizationCount assessedCount averageScore } difference }
          committeesVsPartyGroups { upper { members organizationCount assessedCount averageScore } lower { members organizationCount assessedCount averageScore } difference }
          secretariesVsMembers { upper { assessedCount averageScore organizationCount } lower { assessedCount averageScore } difference } } }`,
      { p: period, u: idOf.get("TR") },
    );
    expect(response.errors).toBeUndefined();
    const m = model(period);
    const members = m.subtree(m.byCode.get("TR")!.id);
    const side = (kinds: string[]) => {
      const group = members.filter((node) => kinds.includes(node.kind));
      const scored = group.filter((node) => m.scores.has(node.id)).map((node) => m.scores.get(node.id)!);
      const sum = scored.reduce((a, b) => a + b, 0);
      return { members: kinds, organizationCount: group.length, assessedCount: scored.length, averageScore: scored.length ? sum / (100 * scored.length) : null, sum };
    };
    const comparison = (upperKinds: string[], lowerKinds: string[]) => {
      const { sum: su, ...upper } = side(upperKinds);
      const { sum: sl, ...lower } = side(lowerKinds);
      // exact difference of the means, one rounding
      const num = BigInt(su) * BigInt(lower.assessedCount) - BigInt(sl) * BigInt(upper.assessedCount);
      const den = 100n * BigInt(upper.assessedCount) * BigInt(lower.assessedCount);
      return { upper, lower, difference: Number((num * 10n ** 20n) / den) / 1e20 };
    };
    const report = response.data.transmissionReport;
    expect(report.period).toEqual({ code: period });
    expect(report.under).toEqual({ code: "TR" });
    const levels = comparison(
      ["LOCAL_COMMITTEE", "WORKING_COMMITTEE", "PARTY_GROUP", "ORGAN_COMMITTEE", "DISCIPLINE_COMMITTEE"],
      ["GENERAL_BRANCH", "BRANCH"],
    );
    expect(report.upperLevelsVsBranches.upper).toEqual(levels.upper);
    expect(report.upperLevelsVsBranches.lower).toEqual(levels.lower);
    expect(report.upperLevelsVsBranches.difference).toBeCloseTo(levels.difference, 12);
    expect(report.upperLevelsVsBranches.difference).toBeGreaterThan(0); // 上面实、下面弱 in the sample
    const committees = comparison(["LOCAL_COMMITTEE", "WORKING_COMMITTEE"], ["PARTY_GROUP"]);
    expect(report.committeesVsPartyGroups.upper).toEqual(committees.upper);
    expect(report.committeesVsPartyGroups.lower).toEqual(committees.lower);
    expect(report.committeesVsPartyGroups.difference).toBeCloseTo(committees.difference, 12);
    // No post assessments in the sample.
    expect(report.secretariesVsMembers).toEqual({
      upper: { assessedCount: 0, averageScore: null, organizationCount: null },
      lower: { assessedCount: 0, averageScore: null },
      difference: null,
    });
  });
});

test("trend: one organisation across periods in one query, in the order asked", async () => {
  const response = await server.gql(`{ organization(code: "TR-WS-AGR-OC") {
      trend(periods: ["2026-H2", "2026-H1"]) { period { code status } assessment { score } rollup { averageScore attenuation } moc: rollup(method: MEAN_OF_CHILDREN) { averageScore }
        pressureChain { ownScore } } } }`);
  expect(response.errors).toBeUndefined();
  const trend = response.data.organization.trend;
  expect(trend.map((point: any) => point.period)).toEqual([
    { code: "2026-H2", status: "OPEN" },
    { code: "2026-H1", status: "OPEN" },
  ]);
  for (const point of trend) {
    const m = model(point.period.code);
    const id = m.byCode.get("TR-WS-AGR-OC")!.id;
    const own = m.scores.get(id)!;
    expect(point.assessment).toEqual({ score: own / 100 });
    const expected = contractRollup(m.rollup(id), own);
    expect(point.rollup).toEqual({ averageScore: expected.averageScore, attenuation: expected.attenuation });
    expect(Math.abs(point.moc.averageScore - fractionToPoints(m.moc(id)!))).toBeLessThan(1e-9);
    expect(point.pressureChain.at(-1)).toEqual({ ownScore: own / 100 });
  }
});

test("an unassessed organisation has a null assessment and still a roll-up", async () => {
  const unassessed = [...model("2026-H1").byId.values()].filter((node) => !model("2026-H1").scores.has(node.id));
  expect(unassessed).toHaveLength(1);
  const response = await server.gql(`query($c: String!) { organization(code: $c) { assessment(period: "2026-H1") { score } rollup(period: "2026-H1") { organizationCount assessedCount coverage averageScore attenuation } } }`, {
    c: unassessed[0].code,
  });
  expect(response.data.organization).toEqual({
    assessment: null,
    rollup: { organizationCount: 1, assessedCount: 0, coverage: 0, averageScore: null, attenuation: null },
  });
});

describe("period arguments", () => {
  const FIELDS: [string, string][] = [
    ["assessment", `organization(code: "GZ") { assessment(period: $p) { score } }`],
    ["rollup", `organization(code: "GZ") { rollup(period: $p) { averageScore } }`],
    ["pressureChain", `organization(code: "GZ") { pressureChain(period: $p) { ownScore } }`],
    ["levelProfile", `organization(code: "GZ") { levelProfile(period: $p) { kind } }`],
    ["trend", `organization(code: "GZ") { trend(periods: ["2026-H1", $p]) { period { code } } }`],
    ["rankings", `rankings(period: $p) { rank }`],
    ["attenuationHotspots", `attenuationHotspots(period: $p) { attenuation }`],
    ["transmissionReport", `transmissionReport(period: $p) { upperLevelsVsBranches { difference } }`],
  ];

  test.each(FIELDS)("%s: an unknown period answers NOT_FOUND", async (_, selection) => {
    const response = await server.gql(`query($p: String!) { ${selection} }`, { p: "2025-Q3" });
    expect(response.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  test.each(FIELDS)("%s: a malformed period answers BAD_USER_INPUT", async (_, selection) => {
    const response = await server.gql(`query($p: String!) { ${selection} }`, { p: "2026-H3" });
    expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  test.each([0, 101, -1])("first = %d is refused with BAD_USER_INPUT and no data", async (first) => {
    for (const field of ["rankings", "attenuationHotspots"]) {
      const response = await server.gql(`query($f: Int) { ${field}(period: "2026-H1", first: $f) { organization { code } } }`, { f: first });
      expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(response.data).toBeNull();
    }
  });
});

import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { DutyCategory, DutyType, PostKind } from "../../src/entities/responsibility.entities";
import { HEADERS } from "../../src/http/exports/export-labels";
import { toGlobalId } from "../../src/schema/global-id";
import { readCsv } from "../../src/services/csv/csv-reader";
import { setOversightClock } from "../../src/services/oversight/clock";
import { AppointmentService } from "../../src/services/responsibility/appointment.service";
import { LocalResponsibilityService } from "../../src/services/responsibility/local-responsibility.service";
import { PersonService } from "../../src/services/responsibility/person.service";
import { uniqueCode } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/test-server";

/**
 * GET /exports/<dataset>.<csv|xlsx> through the real HTTP server, over the sample files
 * imported through the GraphQL mutations: each file's headers, bytes and rows, checked
 * against what the GraphQL API answers for the same organisations; scope; errors; and the
 * defusing of formula-like text.
 */
const FIXTURES = path.join(__dirname, "..", "fixtures");
const PERIOD = "2026-H1";
/** A name a spreadsheet would run as a formula if the CSV did not defuse it. */
const FORMULA_NAME = '=HYPERLINK("http://example.invalid","点我")';
const FORMULA_TITLE = "@SUM(1+1) 会议记录不全";

let server: TestServer;
const idOf = new Map<string, string>();
let viewerToken: string;

type Api = { code: string; assessment: { score: number; grade: string; source: string } | null; rollup: any };
const api = new Map<string, Api>();

beforeAll(async () => {
  server = await startTestServer();
  const orgs = fs.readFileSync(path.join(FIXTURES, "orgs.csv"), "utf8").trimEnd() + `\nINJ-B1,TR-WAT-OC,"${FORMULA_NAME.replace(/"/g, '""')}",BRANCH,CITY,520600,9\n`;
  const scores = fs.readFileSync(path.join(FIXTURES, "scores.csv"), "utf8").trimEnd() + `\nINJ-B1,${PERIOD},66.60\n`;
  const imported = await server.gql(`mutation($csv: String!) { importOrganizations(csv: $csv) { created } }`, { csv: orgs });
  expect(imported.errors).toBeUndefined();
  const scored = await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv: scores });
  expect(scored.errors).toBeUndefined();

  const listed = await server.gql(`{ organizations(first: 100) { totalCount nodes { id code } } }`);
  expect(listed.data.organizations.totalCount).toBe(64);
  for (const node of listed.data.organizations.nodes) idOf.set(node.code, node.id);

  // Two problems: one in 铜仁 (overdue at the period's end), one in 贵州省教育厅 (outside the viewer's scope).
  setOversightClock("2026-03-10");
  for (const [code, title, deadline] of [
    ["TR-WAT-B1", FORMULA_TITLE, "2026-04-30"],
    ["GZ-EDU-B1", "学习记录不全", "2026-09-30"],
  ]) {
    const responsibilityId = await dutyOf(code);
    const recorded = await server.gql(`mutation($i: RecordProblemInput!) { recordProblem(input: $i) { id } }`, {
      i: { responsibilityId, category: "RULES_NOT_ENFORCED", source: "PATROL", severity: "SERIOUS", title, description: "记录不全", foundOn: "2026-03-01", deadline },
    });
    expect(recorded.errors).toBeUndefined();
  }
  setOversightClock("2026-07-15");

  const created = await server.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
    i: { username: "tr-viewer", password: "password-of-tr-viewer", role: "VIEWER", scopeId: idOf.get("TR") },
  });
  expect(created.errors).toBeUndefined();
  viewerToken = await server.login("tr-viewer", "password-of-tr-viewer");

  const read = await server.gql(
    `query($p: String!) { organizations(first: 100) { nodes { code assessment(period: $p) { score grade source }
       rollup(period: $p) { organizationCount assessedCount coverage averageScore minScore maxScore childrenAverage attenuation
         gradeDistribution { grade count } } } } }`,
    { p: PERIOD },
  );
  expect(read.errors).toBeUndefined();
  for (const node of read.data.organizations.nodes) api.set(node.code, node);
});

afterAll(async () => {
  setOversightClock(null);
  await server.close();
});

/** A responsibility of the organisation, held by its secretary (the problem's owner). */
async function dutyOf(code: string): Promise<string> {
  const ctx = server.context();
  const organizationId = Number(Buffer.from(idOf.get(code)!, "base64url").toString().split(":")[1]);
  const person = await new PersonService().create(ctx, "王书记");
  const appointment = await new AppointmentService().appoint(ctx, { personId: person.id, organizationId, postKind: PostKind.BRANCH_SECRETARY, startDate: "2020-01-01" });
  const duty = await new LocalResponsibilityService().add(ctx, {
    organizationId,
    appointmentId: appointment.id,
    derivedFromId: null,
    code: uniqueCode("D"),
    title: "落实“三会一课”制度",
    dutyType: DutyType.FIRST_PERSON,
    category: DutyCategory.ORGANIZATIONAL,
    weight: 1,
  });
  return toGlobalId("Responsibility", duty.id);
}

interface Download {
  status: number;
  headers: Headers;
  body: Buffer;
  text: string;
  json(): any;
}

async function download(pathAndQuery: string, token: string | null = server.adminToken): Promise<Download> {
  // A fresh connection per file (see large-export.test.ts: the server shares this process).
  const response = await fetch(server.url + pathAndQuery, { headers: { connection: "close", ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, text: body.toString("utf8"), json: () => JSON.parse(body.toString("utf8")) };
}

type Dataset = keyof typeof HEADERS;
const headerOf = (dataset: Dataset, lang: "zh" | "en") => Object.values(HEADERS[dataset]).map((label) => label[lang]);

function parseCsv(file: Download, dataset: Dataset, lang: "zh" | "en" = "zh"): Record<string, string>[] {
  const table = readCsv(file.text, headerOf(dataset, lang));
  expect(table.problems).toEqual([]);
  return table.records.map((record) => record.values);
}

async function parseXlsx(file: Download): Promise<{ header: unknown[]; rows: unknown[][]; types: number[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const all: unknown[][] = [];
  const types: number[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: unknown[] = [];
    const cellTypes: number[] = [];
    for (let i = 1; i <= sheet.columnCount; i++) {
      const cell = row.getCell(i);
      values.push(cell.value === undefined ? null : cell.value);
      cellTypes.push(cell.type);
    }
    all.push(values);
    types.push(cellTypes);
  });
  return { header: all[0], rows: all.slice(1), types: types.slice(1) };
}

const points = (text: string | undefined) => (text === undefined || text === "" ? null : Number(text));
/** A figure rounded to two decimals, against the API's unrounded double. */
const closeTo = (csv: string, value: number | null) => {
  if (value === null) return csv === "";
  return Math.abs(Number(csv) - value) <= 0.005 + 1e-9 && /^-?\d+\.\d{2}$/.test(csv);
};

describe.each(["scores", "rollups", "hotspots", "problems"] as Dataset[])("%s", (dataset) => {
  test("CSV: 200, content type, RFC 5987 file name, BOM, CRLF, Chinese header", async () => {
    const file = await download(`/exports/${dataset}.csv?period=${PERIOD}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const zhName = { scores: "考核得分", rollups: "得分汇总", hotspots: "衰减热点", problems: "问题清单" }[dataset];
    expect(file.headers.get("content-disposition")).toBe(
      `attachment; filename="${dataset}_${PERIOD}.csv"; filename*=UTF-8''${encodeURIComponent(`${zhName}_${PERIOD}.csv`)}`,
    );
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.text.slice(1).split("\r\n");
    expect(lines[0]).toBe(headerOf(dataset, "zh").join(","));
    expect(file.text.endsWith("\r\n")).toBe(true);
    expect(file.text.replace(/\r\n/g, "")).not.toMatch(/\n/);
  });

  test("CSV in English with lang=en; XLSX holds the same rows, numbers as numbers", async () => {
    const zh = parseCsv(await download(`/exports/${dataset}.csv?period=${PERIOD}`), dataset);
    const enFile = await download(`/exports/${dataset}.csv?period=${PERIOD}&lang=en`);
    expect(enFile.headers.get("content-disposition")).toContain(`filename*=UTF-8''${dataset}_${PERIOD}.csv`);
    const en = parseCsv(enFile, dataset, "en");
    expect(en).toHaveLength(zh.length);

    const file = await download(`/exports/${dataset}.xlsx?period=${PERIOD}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(file.headers.get("content-disposition")).toContain(`filename="${dataset}_${PERIOD}.xlsx"`);
    const xlsx = await parseXlsx(file);
    expect(xlsx.header).toEqual(headerOf(dataset, "zh"));
    expect(xlsx.rows).toHaveLength(zh.length);
    const columns = Object.keys(HEADERS[dataset]);
    xlsx.rows.forEach((row, r) => {
      columns.forEach((_, c) => {
        const csv = Object.values(zh[r])[c];
        const cell = row[c];
        if (csv === "") expect(cell).toBeNull();
        else if (typeof cell === "number") expect(cell).toBe(Number(csv));
        // The CSV defuses formula-like text with an apostrophe; the XLSX cell is typed text and needs none.
        else expect(csv.replace(/^'(?=[=+\-@])/, "")).toBe(cell);
      });
    });
  });
});

test("scores: every assessed organisation, exact score, grade, source and provenance as the API has them", async () => {
  const rows = parseCsv(await download(`/exports/scores.csv?period=${PERIOD}`), "scores");
  const assessed = [...api.values()].filter((org) => org.assessment !== null);
  expect(rows).toHaveLength(assessed.length);
  const byCode = new Map(rows.map((row) => [row["组织编码"], row]));
  expect(byCode.get("GZ")).toMatchObject({ 组织名称: "贵州省委", 上级组织编码: "", 组织类型: "地方党委", 行政层级: "省", 区划代码: "520000", 层深: "0", 考核周期: PERIOD, 得分: "92.37", 等次: "好", 分数来源: "导入", 更新人: "admin" });
  expect(byCode.get("GZ-GW")).toMatchObject({ 上级组织编码: "GZ", 得分: "94.70" });
  expect(byCode.get("GZ")!["得分构成"]).toMatch(/^导入（第 \d+ 行，admin，\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}）$/);
  expect(byCode.get("GZ")!["更新时间"]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  const grades: Record<string, string> = { EXCELLENT: "好", GOOD: "较好", FAIR: "一般", POOR: "差" };
  for (const org of assessed) {
    const row = byCode.get(org.code)!;
    expect(row["得分"]).toBe(org.assessment!.score.toFixed(2));
    expect(row["等次"]).toBe(grades[org.assessment!.grade]);
  }
  // Tree order: every organisation after its parent.
  const position = new Map(rows.map((row, i) => [row["组织编码"], i]));
  for (const row of rows) if (row["上级组织编码"] && position.has(row["上级组织编码"])) expect(position.get(row["上级组织编码"])!).toBeLessThan(position.get(row["组织编码"])!);

  const en = parseCsv(await download(`/exports/scores.csv?period=${PERIOD}&lang=en`), "scores", "en");
  expect(en.find((row) => row["Organisation code"] === "GZ")).toMatchObject({ Kind: "Local committee", Level: "Province", Grade: "Excellent", Source: "Imported" });
});

test("rollups: one row per organisation of the period's tree, figures as the API's rounded once", async () => {
  const rows = parseCsv(await download(`/exports/rollups.csv?period=${PERIOD}`), "rollups");
  expect(rows).toHaveLength(api.size);
  for (const row of rows) {
    const { rollup, assessment } = api.get(row["组织编码"])!;
    expect(Number(row["组织数"])).toBe(rollup.organizationCount);
    expect(Number(row["受评组织数"])).toBe(rollup.assessedCount);
    expect(Math.abs(Number(row["覆盖率"]) - rollup.coverage)).toBeLessThanOrEqual(0.00005 + 1e-12);
    expect(points(row["本级得分"])).toBe(assessment ? assessment.score : null);
    expect(closeTo(row["平均分"], rollup.averageScore)).toBe(true);
    expect(points(row["最低分"])).toBe(rollup.minScore);
    expect(points(row["最高分"])).toBe(rollup.maxScore);
    expect(closeTo(row["直属下级平均分"], rollup.childrenAverage)).toBe(true);
    expect(closeTo(row["衰减值"], rollup.attenuation)).toBe(true);
    const counts = Object.fromEntries(rollup.gradeDistribution.map((g: { grade: string; count: number }) => [g.grade, String(g.count)]));
    expect([row["好（个）"], row["较好（个）"], row["一般（个）"], row["差（个）"]]).toEqual([counts.EXCELLENT, counts.GOOD, counts.FAIR, counts.POOR]);
  }
  const gz = rows.find((row) => row["组织编码"] === "GZ")!;
  expect(gz["组织数"]).toBe("64");
});

test("hotspots: the API's attenuationHotspots, in its order, complete", async () => {
  const rows = parseCsv(await download(`/exports/hotspots.csv?period=${PERIOD}`), "hotspots");
  const response = await server.gql(`query($p: String!) { attenuationHotspots(period: $p, first: 100) { organization { code } ownScore childrenAverage attenuation } }`, { p: PERIOD });
  expect(response.errors).toBeUndefined();
  const hot = response.data.attenuationHotspots;
  expect(hot.length).toBeLessThan(100);
  expect(rows.map((row) => row["组织编码"])).toEqual(hot.map((h: any) => h.organization.code));
  rows.forEach((row, i) => {
    expect(Number(row["本级得分"])).toBe(hot[i].ownScore);
    expect(closeTo(row["直属下级平均分"], hot[i].childrenAverage)).toBe(true);
    expect(closeTo(row["衰减值"], hot[i].attenuation)).toBe(true);
    const previous = hot[i - 1];
    expect(row["排名"]).toBe(String(previous && previous.attenuation === hot[i].attenuation ? Number(rows[i - 1]["排名"]) : i + 1));
  });
  // Pressure that strengthens below shows as a negative attenuation: a plain number, not defused text.
  const negative = rows.find((row) => row["衰减值"].startsWith("-"));
  expect(negative).toBeDefined();
  const csvText = (await download(`/exports/hotspots.csv?period=${PERIOD}`)).text;
  expect(csvText).toContain(`,${negative!["衰减值"]},`);
  expect(csvText).not.toContain(`'${negative!["衰减值"]}`);
});

test("problems: state, deadline and overdue at the period's end, owner and responsibility", async () => {
  const rows = parseCsv(await download(`/exports/problems.csv?period=${PERIOD}`), "problems");
  expect(rows.map((row) => row["组织编码"]).sort()).toEqual(["GZ-EDU-B1", "TR-WAT-B1"]);
  const tr = rows.find((row) => row["组织编码"] === "TR-WAT-B1")!;
  expect(tr).toMatchObject({
    组织名称: "铜仁市水务局机关第一党支部",
    问题类别: "制度执行不严格",
    问题来源: "巡察",
    严重程度: "较重",
    期末状态: "待整改",
    整改时限: "2026-04-30",
    期末逾期: "是",
    统计截止日: "2026-06-30",
    当前状态: "待整改",
    整改责任人: "王书记",
    责任人岗位: "党支部（总支）书记",
    所涉责任: "落实“三会一课”制度",
    发现日期: "2026-03-01",
    销号日期: "",
  });
  expect(rows.find((row) => row["组织编码"] === "GZ-EDU-B1")).toMatchObject({ 整改时限: "2026-09-30", 期末逾期: "否" });
  const en = parseCsv(await download(`/exports/problems.csv?period=${PERIOD}&lang=en`), "problems", "en");
  expect(en.find((row) => row["Organisation code"] === "TR-WAT-B1")).toMatchObject({ Category: "RULES_NOT_ENFORCED", Source: "Patrol", "Overdue at period end": "Yes" });
  // A period that ended before the problems were found lists none.
  const h2025 = await server.gql(`mutation { createAssessmentPeriod(code: "2025-H2") { code } }`);
  expect(h2025.errors).toBeUndefined();
  expect(parseCsv(await download(`/exports/problems.csv?period=2025-H2`), "problems")).toEqual([]);
});

test("formula-like text is defused in the CSV (text only) and stays plain text in the XLSX", async () => {
  const scores = await download(`/exports/scores.csv?period=${PERIOD}`);
  expect(scores.text).toContain(`INJ-B1,"'${FORMULA_NAME.replace(/"/g, '""')}",TR-WAT-OC,`);
  const problems = await download(`/exports/problems.csv?period=${PERIOD}`);
  expect(problems.text).toContain(`,'${FORMULA_TITLE},`);

  const xlsx = await parseXlsx(await download(`/exports/scores.xlsx?period=${PERIOD}`));
  const row = xlsx.rows.find((r) => r[0] === "INJ-B1")!;
  expect(row[1]).toBe(FORMULA_NAME);
  expect(xlsx.types[xlsx.rows.indexOf(row)][1]).toBe(ExcelJS.ValueType.String);
  expect(xlsx.types[xlsx.rows.indexOf(row)][8]).toBe(ExcelJS.ValueType.Number);
});

test("a computed score's provenance summary names its components, bonus, deductions and veto", async () => {
  const period = "2026-H2";
  const organizationId = idOf.get("TR-WAT-OC");
  const write = async (mutation: string, input: Record<string, unknown>) => {
    const response = await server.gql(`mutation($i: ${mutation}Input!) { ${mutation[0].toLowerCase() + mutation.slice(1)}(input: $i) { __typename } }`, { i: { organizationId, period, ...input } });
    expect(response.errors).toBeUndefined();
  };
  await write("RecordEvaluation", { kind: "COMMITTEE", score: 85.5 });
  await write("AddAdjustment", { type: "BONUS", points: 2, reason: "经验被推广" });
  await write("AddAdjustment", { type: "DEDUCTION", points: 1.25, reason: "材料迟报" });
  await write("AddAdjustment", { type: "VETO", reason: "发生严重违纪" });
  // The imported score stays until the score is computed explicitly.
  const computed = await server.gql(`mutation($o: ID!, $p: String!) { computeAssessment(organizationId: $o, period: $p) { __typename } }`, { o: organizationId, p: period });
  expect(computed.errors).toBeUndefined();
  const assessment = (await server.gql(`query($id: ID!, $p: String!) { node(id: $id) { ... on Organization { assessment(period: $p) { score grade source } } } }`, { id: organizationId, p: period })).data.node.assessment;
  expect(assessment).toEqual({ score: 86.25, grade: "POOR", source: "COMPUTED" });

  const row = parseCsv(await download(`/exports/scores.csv?period=${period}`), "scores").find((r) => r["组织编码"] === "TR-WAT-OC")!;
  expect(row).toMatchObject({ 得分: "86.25", 等次: "差", 分数来源: "计算", 得分构成: "评议 85.50；基础分 85.50；加分 +2.00；扣分 -1.25；一票否决" });
  const en = parseCsv(await download(`/exports/scores.csv?period=${period}&lang=en`), "scores", "en").find((r) => r["Organisation code"] === "TR-WAT-OC")!;
  expect(en.Provenance).toBe("evaluations 85.50; base 85.50; bonus +2.00; deductions -1.25; veto");
});

describe("scope", () => {
  /** INJ-B1 hangs under 铜仁市水务局机关党委. */
  const inTr = (code: string) => code === "TR" || code.startsWith("TR-") || code === "INJ-B1";

  test.each(["scores", "rollups", "hotspots", "problems"] as Dataset[])("a viewer scoped to 铜仁市委 gets only its subtree: %s", async (dataset) => {
    const all = parseCsv(await download(`/exports/${dataset}.csv?period=${PERIOD}`), dataset);
    const mine = parseCsv(await download(`/exports/${dataset}.csv?period=${PERIOD}`, viewerToken), dataset);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((row) => inTr(row["组织编码"]))).toBe(true);
    expect(mine.length).toBe(all.filter((row) => inTr(row["组织编码"])).length);
    // An ancestor of the scope (readable by name only) is cut to the scope, as the API's subtree reads are.
    const fromRoot = parseCsv(await download(`/exports/${dataset}.csv?period=${PERIOD}&under=${idOf.get("GZ")}`, viewerToken), dataset);
    expect(fromRoot).toEqual(mine);
  });

  test("under narrows to a subtree; under outside the scope is 404", async () => {
    const bj = parseCsv(await download(`/exports/scores.csv?period=${PERIOD}&under=${idOf.get("TR-BJ")}`, viewerToken), "scores");
    expect(bj.length).toBeGreaterThan(0);
    expect(bj.every((row) => row["组织编码"].startsWith("TR-BJ"))).toBe(true);
    const file = await download(`/exports/scores.csv?period=${PERIOD}&under=${idOf.get("TR-BJ")}`, viewerToken);
    expect(file.headers.get("content-disposition")).toContain(`filename="scores_TR-BJ_${PERIOD}.csv"`);

    for (const format of ["csv", "xlsx"]) {
      const outside = await download(`/exports/scores.${format}?period=${PERIOD}&under=${idOf.get("GZ-EDU-PG")}`, viewerToken);
      expect(outside.status).toBe(404);
      expect(outside.json().errors[0].extensions.code).toBe("NOT_FOUND");
    }
    const unknown = await download(`/exports/scores.csv?period=${PERIOD}&under=${toGlobalId("Organization", 999999)}`);
    expect(unknown.status).toBe(404);
    const malformed = await download(`/exports/scores.csv?period=${PERIOD}&under=nonsense`);
    expect(malformed.status).toBe(400);
    expect(malformed.json().errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });
});

describe("errors", () => {
  test("no token, or a bad one: 401 UNAUTHENTICATED", async () => {
    for (const token of [null, "not-a-token"]) {
      const file = await download(`/exports/scores.csv?period=${PERIOD}`, token);
      expect(file.status).toBe(401);
      expect(file.headers.get("content-type")).toMatch(/^application\/json/);
      expect(file.json().errors[0].extensions.code).toBe("UNAUTHENTICATED");
    }
  });

  test("unknown period 404, malformed or missing 400, unknown dataset 404, bad lang 400", async () => {
    const unknown = await download(`/exports/scores.xlsx?period=2031-H1`);
    expect(unknown.status).toBe(404);
    expect(unknown.json().errors[0]).toMatchObject({ message: "assessment period 2031-H1 does not exist", extensions: { code: "NOT_FOUND" } });
    for (const query of ["period=2026-H3", "", "period=2026-H1&lang=fr", "period=2026-H1&period=2026-H2"]) {
      const file = await download(`/exports/scores.csv?${query}`);
      expect(file.status).toBe(400);
      expect(file.json().errors[0].extensions.code).toBe("BAD_USER_INPUT");
    }
    const dataset = await download(`/exports/people.csv?period=${PERIOD}`);
    expect(dataset.status).toBe(404);
    expect((await download(`/exports/scores.pdf?period=${PERIOD}`)).status).toBe(404);
  });

  test("a period without scores exports only the header", async () => {
    const h2 = await server.gql(`mutation { createAssessmentPeriod(code: "2027") { code } }`);
    expect(h2.errors).toBeUndefined();
    for (const dataset of ["scores", "rollups", "hotspots"] as Dataset[]) {
      const file = await download(`/exports/${dataset}.csv?period=2027`);
      expect(file.status).toBe(200);
      expect(parseCsv(file, dataset)).toEqual([]);
      expect((await parseXlsx(await download(`/exports/${dataset}.xlsx?period=2027`))).rows).toEqual([]);
    }
  });
});

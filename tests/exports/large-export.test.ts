import ExcelJS from "exceljs";
import { OrganizationEntity } from "../../src/entities";
import { DutyCategory, DutyType } from "../../src/entities/responsibility.entities";
import { HEADERS } from "../../src/http/exports/export-labels";
import { toGlobalId } from "../../src/schema/global-id";
import { setOversightClock } from "../../src/services/oversight/clock";
import { LocalResponsibilityService } from "../../src/services/responsibility/local-responsibility.service";
import { readCsv } from "../../src/services/csv/csv-reader";
import { startTestServer, type TestServer } from "../helpers/test-server";

/**
 * A streamed export of about 50,000 rows over many chunks (CHUNK_ROWS per statement):
 * complete, in order, in both formats; and the hot spots of 10,000 families, where one
 * attenuation (exactly 0) is shared by 6,000 organisations, so the exact ordering has to page
 * through a group of equal keys, checked against an independent exact sort.
 */
const PERIOD = "2026-H1";
const PARTY_GROUPS = 100;
const ORGAN_COMMITTEES_PER_GROUP = 100;
const BRANCHES = 4;
const TOTAL = 2 + PARTY_GROUPS + PARTY_GROUPS * ORGAN_COMMITTEES_PER_GROUP * (1 + BRANCHES);

let server: TestServer;
/** code → own score in hundredths; code → parent code. */
const scores = new Map<string, number>();
const parentOf = new Map<string, string>();

const pad = (n: number, width = 3) => String(n).padStart(width, "0");

beforeAll(async () => {
  server = await startTestServer();
  const orgs = ["code,parent_code,name,kind,level,region_code,member_count", "L,,四川省委,LOCAL_COMMITTEE,PROVINCE,510000,300", "L-W,L,四川省直机关工委,WORKING_COMMITTEE,PROVINCE,510000,100"];
  const add = (code: string, parent: string, name: string, kind: string, members: number, score: number) => {
    orgs.push(`${code},${parent},${name},${kind},PROVINCE,510000,${members}`);
    parentOf.set(code, parent);
    scores.set(code, score);
  };
  scores.set("L", 9150);
  scores.set("L-W", 9020);
  parentOf.set("L-W", "L");
  let family = 0;
  for (let p = 1; p <= PARTY_GROUPS; p++) {
    const group = `L-P${pad(p)}`;
    add(group, "L-W", `厅局党组${p}`, "PARTY_GROUP", 30, 8000 + ((p * 37) % 1500));
    for (let o = 1; o <= ORGAN_COMMITTEES_PER_GROUP; o++, family++) {
      const organ = `${group}-O${pad(o)}`;
      // Six families in ten score 80.00 throughout: attenuation exactly 0, one shared key.
      const flat = family % 10 < 6;
      add(organ, group, `机关党委${p}-${o}`, "ORGAN_COMMITTEE", 120, flat ? 8000 : 7000 + ((family * 7) % 3000));
      for (let b = 1; b <= BRANCHES; b++) {
        add(`${organ}-B${b}`, organ, `第${b}党支部`, "BRANCH", 10, flat ? 8000 : 5000 + ((family * 13 + b * 17) % 4000));
      }
    }
  }
  expect(orgs.length - 1).toBe(TOTAL);
  const imported = await server.gql(`mutation($csv: String!) { importOrganizations(csv: $csv) { created } }`, { csv: orgs.join("\n") });
  expect(imported.errors).toBeUndefined();
  const scoreLines = ["org_code,period,score", ...[...scores].map(([code, h]) => `${code},${PERIOD},${(h / 100).toFixed(2)}`)];
  const scored = await server.gql(`mutation($csv: String!) { importScores(csv: $csv) { imported } }`, { csv: scoreLines.join("\n") });
  expect(scored.errors).toBeUndefined();
  expect(scored.data.importScores.imported).toBe(TOTAL);
}, 180_000);

afterAll(async () => {
  setOversightClock(null);
  await server.close();
});

/**
 * A fresh connection per file: the server runs in this process, so parsing a 50,000-row file
 * blocks both; an idle keep-alive connection can then be closed by the server's timeout just
 * as fetch reuses it (ECONNRESET, a client-side race unrelated to the export).
 */
async function download(pathAndQuery: string): Promise<Buffer> {
  const response = await fetch(server.url + pathAndQuery, { headers: { authorization: `Bearer ${server.adminToken}`, connection: "close" } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const header = (dataset: keyof typeof HEADERS) => Object.values(HEADERS[dataset]).map((label) => label.zh);

test("scores: ~50,000 rows in CSV and XLSX, complete and in tree order", async () => {
  const csvFile = await download(`/exports/scores.csv?period=${PERIOD}`);
  const xlsxFile = await download(`/exports/scores.xlsx?period=${PERIOD}`);
  const csv = readCsv(csvFile.toString("utf8"), header("scores"));
  expect(csv.problems).toEqual([]);
  expect(csv.records).toHaveLength(TOTAL);
  const codes = csv.records.map((record) => record.values["组织编码"]);
  expect(new Set(codes).size).toBe(TOTAL);
  expect(codes.slice(0, 3)).toEqual(["L", "L-W", "L-P001"]);
  for (const record of csv.records) expect(record.values["得分"]).toBe((scores.get(record.values["组织编码"])! / 100).toFixed(2));

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsxFile as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  expect(sheet.rowCount).toBe(TOTAL + 1);
  expect(sheet.getRow(TOTAL + 1).getCell(1).value).toBe(codes[TOTAL - 1]);
  expect(sheet.getRow(TOTAL + 1).getCell(9).value).toBe(scores.get(codes[TOTAL - 1])! / 100);
}, 120_000);

test("hot spots: exact order across chunks and through a group of 6,000 equal attenuations", async () => {
  const children = new Map<string, string[]>();
  for (const [code, parent] of parentOf) children.set(parent, [...(children.get(parent) ?? []), code]);
  const expected = [...children]
    .map(([code, kids]) => ({ code, n: BigInt(scores.get(code)! * kids.length - kids.reduce((sum, kid) => sum + scores.get(kid)!, 0)), cc: BigInt(kids.length) }))
    .sort((a, b) => {
      const left = a.n * b.cc;
      const right = b.n * a.cc;
      return left > right ? -1 : left < right ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
    });
  expect(expected.filter((e) => e.n === 0n).length).toBeGreaterThanOrEqual(6000);

  const csv = readCsv((await download(`/exports/hotspots.csv?period=${PERIOD}`)).toString("utf8"), header("hotspots"));
  expect(csv.problems).toEqual([]);
  expect(csv.records.map((record) => record.values["组织编码"])).toEqual(expected.map((e) => e.code));
  const firstZero = expected.findIndex((e) => e.n === 0n);
  expect(csv.records[firstZero].values).toMatchObject({ 排名: String(firstZero + 1), 衰减值: "0.00" });
  expect(csv.records[firstZero + 5999].values["排名"]).toBe(String(firstZero + 1));
}, 120_000);

test("problems: found across the blocks of a 50,000-organisation range, in tree order", async () => {
  const codes = ["L-P001-O001-B1", "L-P050-O050-B2", "L-P100-O100-B4"];
  setOversightClock("2026-03-10");
  for (const code of codes) {
    const ctx = server.context();
    const organization = await ctx.em.findOneByOrFail(OrganizationEntity, { code });
    const duty = await new LocalResponsibilityService().add(ctx, {
      organizationId: organization.id,
      derivedFromId: null,
      code: `D-${code}`,
      title: "落实组织生活制度",
      dutyType: DutyType.PRIMARY,
      category: DutyCategory.ORGANIZATIONAL,
      weight: 1,
    });
    const recorded = await server.gql(`mutation($i: RecordProblemInput!) { recordProblem(input: $i) { id } }`, {
      i: { responsibilityId: toGlobalId("Responsibility", duty.id), category: "WORK_STYLE", source: "SELF_CHECK", severity: "MINOR", title: `问题 ${code}`, description: "—", foundOn: "2026-03-01" },
    });
    expect(recorded.errors).toBeUndefined();
  }
  setOversightClock(null);
  const csv = readCsv((await download(`/exports/problems.csv?period=${PERIOD}`)).toString("utf8"), header("problems"));
  expect(csv.problems).toEqual([]);
  expect(csv.records.map((record) => record.values["组织编码"])).toEqual(codes);
}, 120_000);

test("a client that disconnects mid-file stops the export; the server carries on", async () => {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/exports/rollups.xlsx?period=${PERIOD}`, {
    headers: { authorization: `Bearer ${server.adminToken}`, connection: "close" },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  await reader.read();
  controller.abort();
  await expect(reader.read()).rejects.toThrow();
  const again = await download(`/exports/rollups.csv?period=${PERIOD}&under=${encodeURIComponent("")}`);
  expect(readCsv(again.toString("utf8"), header("rollups")).records).toHaveLength(TOTAL);
}, 120_000);

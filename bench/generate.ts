/**
 * Seeded generator of realistic organs' trees (DOMAIN.md §2) and their own scores, as the
 * CSV files the importers read. The same preset and seed give the same bytes.
 *
 * Shape of one region: local committee → working committee → departments; a department is
 * a party group with a discipline committee and an organ committee, whose branches hang
 * from it directly or from general branches. Provinces have cities, cities have counties.
 * Scores fall with the level (committees high, branches lower) with noise, so hot spots and
 * the 三实三弱 report have something to find; about 5 % of organisations stay unassessed.
 */

export interface Preset {
  name: string;
  /** A national deployment: a central committee above the provinces. */
  national: boolean;
  provinces: number;
  provinceDepartments: number;
  citiesPerProvince: number;
  cityDepartments: number;
  countiesPerCity: number;
  countyDepartments: number;
  /** Branches per organ committee: uniform in [min, max]. */
  branches: [number, number];
}

export const PRESETS: Record<string, Preset> = {
  /** ≈ 10^5 organisations: one province. */
  province: {
    name: "province",
    national: false,
    provinces: 1,
    provinceDepartments: 80,
    citiesPerProvince: 12,
    cityDepartments: 60,
    countiesPerCity: 10,
    countyDepartments: 45,
    branches: [4, 20],
  },
  /** ≈ 10^6 organisations: a national deployment of 31 provinces. */
  national: {
    name: "national",
    national: true,
    provinces: 31,
    provinceDepartments: 60,
    citiesPerProvince: 10,
    cityDepartments: 40,
    countiesPerCity: 9,
    countyDepartments: 25,
    branches: [4, 16],
  },
  /** A few thousand organisations, to try the benchmark quickly. */
  small: {
    name: "small",
    national: false,
    provinces: 1,
    provinceDepartments: 10,
    citiesPerProvince: 3,
    cityDepartments: 8,
    countiesPerCity: 3,
    countyDepartments: 6,
    branches: [3, 8],
  },
};

/** mulberry32, as in tests/helpers/seeded-random.ts. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

export interface GeneratedOrg {
  code: string;
  parentCode: string;
  kind: string;
  level: string;
  region: string;
}

export interface GeneratedData {
  orgs: GeneratedOrg[];
  orgsCsv: string;
  scoresCsv: string;
  /** Codes by kind, for picking benchmark targets. */
  byKind: Map<string, string[]>;
}

const BASE_SCORE: Record<string, number> = {
  LOCAL_COMMITTEE: 92,
  WORKING_COMMITTEE: 90,
  PARTY_GROUP: 87,
  DISCIPLINE_COMMITTEE: 86,
  ORGAN_COMMITTEE: 84,
  GENERAL_BRANCH: 80,
  BRANCH: 77,
};

export function generate(preset: Preset, seed: number, period: string): GeneratedData {
  const random = new Random(seed);
  const orgs: GeneratedOrg[] = [];
  const add = (code: string, parentCode: string, kind: string, level: string, region: string) => orgs.push({ code, parentCode, kind, level, region });

  const department = (prefix: string, wc: string, level: string, region: string) => {
    add(`${prefix}-PG`, wc, "PARTY_GROUP", level, region);
    add(`${prefix}-DC`, `${prefix}-PG`, "DISCIPLINE_COMMITTEE", level, region);
    add(`${prefix}-OC`, `${prefix}-PG`, "ORGAN_COMMITTEE", level, region);
    const generalBranches = random.int(0, 2);
    for (let g = 0; g < generalBranches; g++) add(`${prefix}-G${g}`, `${prefix}-OC`, "GENERAL_BRANCH", level, region);
    const branches = random.int(preset.branches[0], preset.branches[1]);
    for (let b = 0; b < branches; b++) {
      const parent = generalBranches > 0 && random.next() < 0.4 ? `${prefix}-G${random.int(0, generalBranches - 1)}` : `${prefix}-OC`;
      add(`${prefix}-B${b}`, parent, "BRANCH", level, region);
    }
  };
  const region = (code: string, parentCode: string, level: string, regionCode: string, departments: number) => {
    add(code, parentCode, "LOCAL_COMMITTEE", level, regionCode);
    add(`${code}-W`, code, "WORKING_COMMITTEE", level, regionCode);
    for (let d = 0; d < departments; d++) department(`${code}-D${d}`, `${code}-W`, level, regionCode);
  };

  let provinceParent = "";
  if (preset.national) {
    region("ZY", "", "NATIONAL", "100000", 100);
    provinceParent = "ZY";
  }
  const provinceLevel = "PROVINCE";
  for (let p = 0; p < preset.provinces; p++) {
    const province = `P${String(p + 11).padStart(2, "0")}`;
    const provinceRegion = `${p + 11}0000`;
    region(province, provinceParent, provinceLevel, provinceRegion, preset.provinceDepartments);
    for (let c = 0; c < preset.citiesPerProvince; c++) {
      const city = `${province}-C${c}`;
      const cityRegion = `${p + 11}${String(c + 1).padStart(2, "0")}00`;
      region(city, province, "CITY", cityRegion, preset.cityDepartments);
      for (let k = 0; k < preset.countiesPerCity; k++) {
        region(`${city}-K${k}`, city, "COUNTY", `${cityRegion.slice(0, 4)}${String(k + 1).padStart(2, "0")}`, preset.countyDepartments);
      }
    }
  }

  const orgLines = ["code,parent_code,name,kind,level,region_code,member_count"];
  const byKind = new Map<string, string[]>();
  for (const org of orgs) {
    orgLines.push(`${org.code},${org.parentCode},${org.code},${org.kind},${org.level},${org.region},${random.int(3, 60)}`);
    let codes = byKind.get(org.kind);
    if (!codes) byKind.set(org.kind, (codes = []));
    codes.push(org.code);
  }
  const scoreLines = ["org_code,period,score"];
  for (const org of orgs) {
    if (random.next() < 0.05) continue;
    const raw = BASE_SCORE[org.kind] + 6 * random.normal();
    const hundredths = Math.max(4000, Math.min(10000, Math.round(raw * 100)));
    scoreLines.push(`${org.code},${period},${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`);
  }
  return { orgs, orgsCsv: orgLines.join("\n") + "\n", scoresCsv: scoreLines.join("\n") + "\n", byKind };
}

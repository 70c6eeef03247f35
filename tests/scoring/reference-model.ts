/**
 * An independent, in-memory model of the roll-ups of DOMAIN.md §3/§6, written from the
 * specification and not from the service's SQL: subtrees by walking children, averages as
 * exact fractions (BigInt), orders by sorting. Tests compare the service's answers to it.
 */

export type GradeName = "EXCELLENT" | "GOOD" | "FAIR" | "POOR";
export const GRADE_ORDER: GradeName[] = ["EXCELLENT", "GOOD", "FAIR", "POOR"];
export const KIND_ORDER = ["LOCAL_COMMITTEE", "WORKING_COMMITTEE", "PARTY_GROUP", "ORGAN_COMMITTEE", "DISCIPLINE_COMMITTEE", "GENERAL_BRANCH", "BRANCH"];

export interface ModelNode {
  id: number;
  code: string;
  parentId: number | null;
  kind: string;
}

/** An exact fraction n/d with d > 0. */
export interface Fraction {
  n: bigint;
  d: bigint;
}

export interface ExpectedRollup {
  organizationCount: number;
  assessedCount: number;
  scoreSum: number;
  minScore: number | null;
  maxScore: number | null;
  grades: Record<GradeName, number>;
  childrenAssessedCount: number;
  childrenScoreSum: number;
  /** MEAN_OF_CHILDREN value in hundredths, exactly. */
  moc: Fraction | null;
}

export class TreeModel {
  readonly byId = new Map<number, ModelNode>();
  readonly byCode = new Map<string, ModelNode>();
  readonly children = new Map<number, ModelNode[]>();

  constructor(
    nodes: ModelNode[],
    /** Own scores in hundredths by organisation id (assessed organisations only). */
    readonly scores: Map<number, number>,
    readonly grades: Map<number, GradeName>,
  ) {
    for (const node of nodes) {
      this.byId.set(node.id, node);
      this.byCode.set(node.code, node);
    }
    for (const node of nodes) {
      if (node.parentId !== null && this.byId.has(node.parentId)) {
        this.children.set(node.parentId, [...(this.children.get(node.parentId) ?? []), node]);
      }
    }
  }

  subtree(id: number): ModelNode[] {
    const out: ModelNode[] = [];
    const walk = (node: ModelNode) => {
      out.push(node);
      for (const child of this.children.get(node.id) ?? []) walk(child);
    };
    walk(this.byId.get(id)!);
    return out;
  }

  depthOf(id: number): number {
    let depth = 0;
    for (let node = this.byId.get(id)!; node.parentId !== null; node = this.byId.get(node.parentId)!) depth++;
    return depth;
  }

  chain(id: number): ModelNode[] {
    const out: ModelNode[] = [];
    for (let node: ModelNode | undefined = this.byId.get(id); node; node = node.parentId === null ? undefined : this.byId.get(node.parentId)) {
      out.unshift(node);
    }
    return out;
  }

  rollup(id: number): ExpectedRollup {
    const members = this.subtree(id);
    const scored = members.filter((m) => this.scores.has(m.id)).map((m) => this.scores.get(m.id)!);
    const grades: Record<GradeName, number> = { EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 0 };
    for (const m of members) if (this.grades.has(m.id)) grades[this.grades.get(m.id)!]++;
    const childScores = (this.children.get(id) ?? []).filter((c) => this.scores.has(c.id)).map((c) => this.scores.get(c.id)!);
    return {
      organizationCount: members.length,
      assessedCount: scored.length,
      scoreSum: scored.reduce((a, b) => a + b, 0),
      minScore: scored.length ? Math.min(...scored) : null,
      maxScore: scored.length ? Math.max(...scored) : null,
      grades,
      childrenAssessedCount: childScores.length,
      childrenScoreSum: childScores.reduce((a, b) => a + b, 0),
      moc: this.moc(id),
    };
  }

  /** value(n) = mean of the non-null members of {own(n)} ∪ {value(c)}; null when all are null. */
  moc(id: number): Fraction | null {
    const values: Fraction[] = [];
    if (this.scores.has(id)) values.push({ n: BigInt(this.scores.get(id)!), d: 1n });
    for (const child of this.children.get(id) ?? []) {
      const value = this.moc(child.id);
      if (value) values.push(value);
    }
    if (values.length === 0) return null;
    const sum = values.reduce((a, b) => normalize({ n: a.n * b.d + b.n * a.d, d: a.d * b.d }), { n: 0n, d: 1n });
    return normalize({ n: sum.n, d: sum.d * BigInt(values.length) });
  }
}

export function normalize(f: Fraction): Fraction {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  const g = gcd(f.n, f.d) || 1n;
  return { n: f.n / g, d: f.d / g };
}

/** The fraction (in hundredths) as points, the nearest double. */
export function fractionToPoints(f: Fraction): number {
  const scaled = (f.n * 10n ** 24n) / (f.d * 100n);
  return Number(scaled) / 1e24;
}

/** Contract fields of a roll-up from the expected integers. */
export function contractRollup(expected: ExpectedRollup, ownScore: number | null) {
  const cc = expected.childrenAssessedCount;
  return {
    organizationCount: expected.organizationCount,
    assessedCount: expected.assessedCount,
    coverage: expected.organizationCount === 0 ? 0 : expected.assessedCount / expected.organizationCount,
    averageScore: expected.assessedCount ? expected.scoreSum / (100 * expected.assessedCount) : null,
    minScore: expected.minScore === null ? null : expected.minScore / 100,
    maxScore: expected.maxScore === null ? null : expected.maxScore / 100,
    childrenAverage: cc ? expected.childrenScoreSum / (100 * cc) : null,
    attenuation: cc && ownScore !== null ? (ownScore * cc - expected.childrenScoreSum) / (100 * cc) : null,
    gradeDistribution: GRADE_ORDER.map((grade) => ({ grade, count: expected.grades[grade] })),
  };
}

export function gradeOf(hundredths: number): GradeName {
  if (hundredths >= 9000) return "EXCELLENT";
  if (hundredths >= 8000) return "GOOD";
  if (hundredths >= 6000) return "FAIR";
  return "POOR";
}

/** "84.37" → 8437 without a double. */
export function hundredthsOf(text: string): number {
  const [whole, fraction = ""] = text.trim().split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** Byte order of UTF-8, the order the contract's "by code" means. */
export function byCode(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Minimal CSV split for the fixture files (they hold no quoted fields). */
export function parseSimpleCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((line) => line.trim() !== "");
  const columns = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [columns[i], value.trim()])));
}

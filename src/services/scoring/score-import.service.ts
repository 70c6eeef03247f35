import { OrgStatus, PeriodStatus, type AssessmentPeriodEntity } from "../../entities";
import { AdjustmentType, ScoreSource, ScoreSubject } from "../../entities/assessment.entities";
import { readCsv, type CsvRecord } from "../csv/csv-reader";
import { BadUserInputError, DomainError, type FieldProblem } from "../errors";
import { parsePeriodCode } from "../period/period-code";
import { PeriodService } from "../period/period.service";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { scoringLoaders } from "../../loaders/scoring-loaders";
import { lockPeriod, rollupService, sharedReadLock, type RollupService } from "./rollup.service";
import { placeholders } from "./rollup-statements";
import { decideGrade, parseHundredths, type GradeDecision } from "./score-formula";
import { scoreWriter } from "./scoring-actor";
import { scoringInputs } from "./scoring-inputs";

export const SCORE_IMPORT_COLUMNS = ["org_code", "period", "score"] as const;

export interface ScoreImportSummary {
  /** Rows written (new and replaced). */
  imported: number;
  /** Of those, how many replaced a score already stored. */
  replaced: number;
  /** Periods of the file, in code order. */
  periods: string[];
  /** Periods the file named that did not exist: created OPEN with the default rules. */
  createdPeriods: string[];
}

/** What an IMPORTED score's provenance keeps. */
export interface ImportProvenance {
  source: "IMPORTED";
  period: string;
  score: string;
  line: number;
  importedBy: string;
  importedAt: string;
  /** The score it replaced, if any. */
  replaced: { score: string; source: ScoreSource } | null;
  grade: GradeDecision;
}

/** PERIOD_CLOSED with the lines that name closed periods, when nothing else is wrong with the file. */
export class ClosedPeriodsInFileError extends DomainError {
  readonly code = "PERIOD_CLOSED" as const;
  constructor(readonly problems: FieldProblem[]) {
    super(`${problems.length === 1 ? "1 row names" : `${problems.length} rows name`} a closed period; nothing was imported`, "PERIOD_CLOSED", {
      problems,
    });
  }
}

interface ValidRow {
  line: number;
  code: string;
  period: string;
  hundredths: number;
}

interface OrganizationRow {
  id: number;
  path: string;
  status: OrgStatus;
}

const LOOKUP_CHUNK = 1000;
const WRITE_CHUNK = 500;

/**
 * Imports scores.csv (DOMAIN.md §6: org_code,period,score) all or nothing: every problem
 * of the file is reported with its line, column and reason, and only a clean file writes.
 * A score stored for the same organisation and period is replaced (units resubmit); a
 * missing period is created OPEN with the default rules, and the summary says so. The
 * grade comes from the period's thresholds, with a recorded VETO (POOR) and the negative
 * list (at most GOOD) applied as for computed scores.
 *
 * Writes are multi-row upserts; the roll-ups of each period are brought up to date once
 * at the end (the union of the written chains, or the whole period level by level).
 */
export class ScoreImportService {
  constructor(
    private readonly periods = new PeriodService(),
    private readonly rollups: RollupService = rollupService,
  ) {}

  async importCsv(ctx: RequestContext, text: string): Promise<ScoreImportSummary> {
    const writer = await scoreWriter(ctx);
    const table = readCsv(text, SCORE_IMPORT_COLUMNS);
    const problems: FieldProblem[] = [...table.problems];
    const rows = validRows(table.records, problems);
    const organizations = await organizationsByCode(ctx, [...new Set(rows.map((row) => row.code))]);
    const periodCodes = [...new Set(rows.map((row) => row.period))].sort();
    const existingPeriods = new Map<string, AssessmentPeriodEntity>();
    for (const code of periodCodes) {
      const period = await this.periods.byCode(ctx, code);
      if (period) existingPeriods.set(code, period);
    }

    const closedProblems: FieldProblem[] = [];
    const writable: (ValidRow & { organization: OrganizationRow })[] = [];
    for (const row of rows) {
      const organization = organizations.get(row.code);
      if (!organization) {
        problems.push({ line: row.line, column: "org_code", reason: `no organisation has the code "${row.code}"` });
      } else if (organization.status !== OrgStatus.ACTIVE) {
        problems.push({ line: row.line, column: "org_code", reason: `organisation "${row.code}" is dissolved` });
      } else if (!writer.mayWrite(organization.path)) {
        problems.push({ line: row.line, column: "org_code", reason: `organisation "${row.code}" is outside your scope` });
      } else if (existingPeriods.get(row.period)?.status === PeriodStatus.CLOSED) {
        closedProblems.push({ line: row.line, column: "period", reason: `period ${row.period} is closed` });
      } else {
        writable.push({ ...row, organization });
      }
    }
    if (problems.length > 0) throw problemsError(sortProblems([...problems, ...closedProblems]));
    if (closedProblems.length > 0) throw new ClosedPeriodsInFileError(closedProblems);

    const summary = await inTransaction(ctx, async (tx) => {
      // The existing periods are locked first (in id order), before any plain read, so the
      // transaction sees every score committed before it and no writer of these periods
      // runs beside it.
      const locked = new Map<string, AssessmentPeriodEntity>();
      for (const period of [...existingPeriods.values()].sort((a, b) => a.id - b.id)) {
        locked.set(period.code, await lockPeriod(tx, period.id, "exclusive"));
      }
      const createdPeriods: string[] = [];
      let replaced = 0;
      for (const code of periodCodes) {
        let current = locked.get(code) ?? null;
        if (!current) {
          const ensured = await this.periods.ensure(tx, code);
          if (ensured.created) createdPeriods.push(code);
          current = await lockPeriod(tx, ensured.period.id, "exclusive");
        }
        if (current.status === PeriodStatus.CLOSED) throw new ClosedPeriodsInFileError(closedLines(writable, code));
        const periodRows = writable.filter((row) => row.period === code);
        replaced += await this.writePeriod(tx, current, periodRows, writer.name);
        if (await this.rollups.isBuilt(tx, current.id, { locking: true })) {
          await this.rollups.afterScoresChanged(
            tx,
            current.id,
            periodRows.map((row) => row.organization.id),
          );
        } else {
          // The first scores of this period: one build reads them all.
          await this.rollups.ensureBuilt(tx, current);
        }
      }
      return { imported: writable.length, replaced, periods: periodCodes, createdPeriods };
    });
    scoringLoaders(ctx).clearAll();
    return summary;
  }

  /** Upserts one period's rows; returns how many replaced an existing score. */
  private async writePeriod(tx: RequestContext, period: AssessmentPeriodEntity, rows: (ValidRow & { organization: OrganizationRow })[], by: string): Promise<number> {
    const ids = rows.map((row) => row.organization.id);
    const previous = await existingScores(tx, period.id, ids);
    const vetoed = await vetoedOrganizations(tx, period.id, ids);
    const facts = await scoringInputs.facts().organizationFacts(tx, ids, period);
    const importedAt = new Date().toISOString();
    const now = tx.dialect === "mysql" ? "CURRENT_TIMESTAMP(6)" : "datetime('now')";
    const tail =
      tx.dialect === "mysql"
        ? `ON DUPLICATE KEY UPDATE score_hundredths = VALUES(score_hundredths), grade = VALUES(grade), source = VALUES(source),
             provenance = VALUES(provenance), updated_by = VALUES(updated_by), updated_at = ${now}`
        : `ON CONFLICT (period_id, organization_id) DO UPDATE SET score_hundredths = excluded.score_hundredths, grade = excluded.grade,
             source = excluded.source, provenance = excluded.provenance, updated_by = excluded.updated_by, updated_at = ${now}`;
    for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
      const chunk = rows.slice(start, start + WRITE_CHUNK);
      const params: unknown[] = [];
      for (const row of chunk) {
        const before = previous.get(row.organization.id) ?? null;
        const grade = decideGrade(row.hundredths, period.rules, vetoed.has(row.organization.id), facts.get(row.organization.id)?.negativeListed ?? false);
        const provenance: ImportProvenance = {
          source: "IMPORTED",
          period: period.code,
          score: formatHundredths(row.hundredths),
          line: row.line,
          importedBy: by,
          importedAt,
          replaced: before && { score: formatHundredths(before.hundredths), source: before.source },
          grade,
        };
        params.push(period.id, row.organization.id, row.hundredths, grade.grade, ScoreSource.IMPORTED, JSON.stringify(provenance), by);
      }
      await tx.em.query(
        `INSERT INTO assessment (period_id, organization_id, score_hundredths, grade, source, provenance, updated_by)
         VALUES ${new Array(chunk.length).fill(`(${placeholders(7)})`).join(", ")} ${tail}`,
        params,
      );
    }
    return previous.size;
  }
}

function validRows(records: CsvRecord[], problems: FieldProblem[]): ValidRow[] {
  const rows: ValidRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, values } of records) {
    const code = values.org_code;
    const period = values.period;
    const hundredths = parseHundredths(values.score);
    let ok = true;
    if (code.length === 0) {
      problems.push({ line, column: "org_code", reason: "org_code is empty" });
      ok = false;
    }
    if (!parsePeriodCode(period)) {
      problems.push({ line, column: "period", reason: `"${period}" is not a period code (YYYY, YYYY-H1|H2, YYYY-Q1..Q4)` });
      ok = false;
    }
    if (hundredths === null || hundredths > 10000) {
      problems.push({ line, column: "score", reason: `"${values.score}" is not a score from 0 to 100 with at most two decimals` });
      ok = false;
    }
    // A second row for the same organisation and period is an error even when the first is wrong too.
    const key = JSON.stringify([code, period]);
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      problems.push({ line, column: "org_code", reason: `a second score for "${code}" in ${period} (first on line ${earlier})` });
      continue;
    }
    firstLine.set(key, line);
    if (ok) rows.push({ line, code, period, hundredths: hundredths! });
  }
  return rows;
}

async function organizationsByCode(ctx: RequestContext, codes: string[]): Promise<Map<string, OrganizationRow>> {
  const found = new Map<string, OrganizationRow>();
  for (let start = 0; start < codes.length; start += LOOKUP_CHUNK) {
    const chunk = codes.slice(start, start + LOOKUP_CHUNK);
    const rows: { id: number | string; code: string; path: string; status: OrgStatus }[] = await ctx.em.query(
      `SELECT id, code, path, status FROM organization WHERE code IN (${placeholders(chunk.length)})`,
      chunk,
    );
    for (const row of rows) found.set(row.code, { id: Number(row.id), path: row.path, status: row.status });
  }
  return found;
}

async function existingScores(tx: RequestContext, periodId: number, ids: number[]): Promise<Map<number, { hundredths: number; source: ScoreSource }>> {
  const found = new Map<number, { hundredths: number; source: ScoreSource }>();
  for (let start = 0; start < ids.length; start += LOOKUP_CHUNK) {
    const chunk = ids.slice(start, start + LOOKUP_CHUNK);
    const rows: { organization_id: number | string; score_hundredths: number | string; source: ScoreSource }[] = await tx.em.query(
      `SELECT organization_id, score_hundredths, source FROM assessment WHERE period_id = ? AND organization_id IN (${placeholders(chunk.length)})${sharedReadLock(tx)}`,
      [periodId, ...chunk],
    );
    for (const row of rows) found.set(Number(row.organization_id), { hundredths: Number(row.score_hundredths), source: row.source });
  }
  return found;
}

async function vetoedOrganizations(tx: RequestContext, periodId: number, ids: number[]): Promise<Set<number>> {
  const rows: { subject_id: number | string }[] = await tx.em.query(
    `SELECT DISTINCT subject_id FROM adjustment WHERE period_id = ? AND subject_type = ? AND type = ?${sharedReadLock(tx)}`,
    [periodId, ScoreSubject.ORGANIZATION, AdjustmentType.VETO],
  );
  const wanted = new Set(ids);
  return new Set(rows.map((row) => Number(row.subject_id)).filter((id) => wanted.has(id)));
}

function closedLines(rows: ValidRow[], period: string): FieldProblem[] {
  return rows.filter((row) => row.period === period).map((row) => ({ line: row.line, column: "period", reason: `period ${period} is closed` }));
}

export function formatHundredths(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

function sortProblems(problems: FieldProblem[]): FieldProblem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? "").localeCompare(b.column ?? ""));
}

function problemsError(problems: FieldProblem[]): BadUserInputError {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return new BadUserInputError(`${count} in the file; nothing was imported`, problems);
}

import { ScoreImportService } from "../services/scoring/score-import.service";
// Registers the facts behind automatic deductions and the negative-list cap.
import "../services/oversight/scoring-facts";
import { runImportCli } from "./import-cli";

/**
 * `npm run import-scores -- FILE`: own scores from a scores.csv file (org_code,period,score),
 * all or nothing. A missing period is created OPEN with the default rules, and the summary
 * says so.
 */
runImportCli({
  usage: "usage: npm run import-scores -- FILE\n  imports own scores from FILE (scores.csv: org_code,period,score) into the database named by DATABASE_URL",
  actor: "cli-import-scores",
  async run(ctx, text) {
    const started = Date.now();
    const summary = await new ScoreImportService().importCsv(ctx, text);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return [
      `Imported ${summary.imported} scores (${summary.replaced} replaced) for ${summary.periods.join(", ") || "no period"} in ${seconds} s.`,
      ...summary.createdPeriods.map((code) => `Created period ${code} (OPEN, default scoring rules).`),
    ];
  },
});

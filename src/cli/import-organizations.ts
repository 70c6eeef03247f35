import { OrganizationImportService } from "../services/organization-import.service";
// Keeps the roll-ups of open periods current as the tree grows.
import "../services/scoring/rollup.service";
import { runImportCli } from "./import-cli";
import { createProgressBar } from "./progress-bar";

/** `npm run import -- FILE`: organisations from an orgs.csv file, all or nothing, with a progress bar. */
runImportCli({
  usage: "usage: npm run import -- FILE\n  imports organisations from FILE (orgs.csv format) into the database named by DATABASE_URL",
  actor: "cli-import",
  async run(ctx, text) {
    const progress = createProgressBar("Importing");
    try {
      const summary = await new OrganizationImportService().importCsv(ctx, text, (done, total) => progress.update(done, total));
      return [`Imported ${summary.created} organisations.`];
    } finally {
      progress.finish();
    }
  },
});

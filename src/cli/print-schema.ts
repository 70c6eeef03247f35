import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { printSchema } from "graphql";
import { PROJECT_ROOT } from "../config";
import { buildSchema } from "../schema/build-schema";

/** Writes schema.graphql from the code; a test fails when the committed file is stale. */
export const SCHEMA_FILE = path.join(PROJECT_ROOT, "schema.graphql");

export async function renderSchema(): Promise<string> {
  return printSchema(await buildSchema()) + "\n";
}

if (require.main === module) {
  renderSchema()
    .then((sdl) => {
      fs.writeFileSync(SCHEMA_FILE, sdl);
      process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    });
}

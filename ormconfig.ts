import "reflect-metadata";
import { loadConfig } from "./src/config";
import { createDataSource, parseDatabaseUrl } from "./src/db/data-source";

/**
 * The DataSource for TypeORM's CLI (migration:generate / migration:run), built from the
 * same environment as the service: DATABASE_URL, or the embedded SQLite file.
 */
const config = loadConfig();
const AppDataSource = createDataSource(parseDatabaseUrl(config.databaseUrl, config.sqlitePath));
export default AppDataSource;

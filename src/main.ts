import "reflect-metadata";
import type { AddressInfo } from "node:net";
import { ConfigError, loadConfig } from "./config";
import { createDataSource, parseDatabaseUrl } from "./db/data-source";
import { migrate } from "./db/migrate";
import { withReplicas } from "./db/replication";
import { createApp, GRAPHQL_PATH } from "./http/app";
import { log, setLogLevel } from "./logger";
import { AccountService } from "./services/auth/account.service";
import { loadDemoDataIfEmpty } from "./services/demo-data.service";
import { systemContext } from "./services/system-context";

async function main(): Promise<void> {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  const target = withReplicas(parseDatabaseUrl(config.databaseUrl, config.sqlitePath), config.databaseReplicaUrls);
  const dataSource = createDataSource(target);
  try {
    await dataSource.initialize();
  } catch (error) {
    const where = target.dialect === "sqlite" ? target.file : `${target.host}:${target.port}/${target.database}`;
    throw new Error(`cannot open the database at ${where}: ${(error as Error).message}`);
  }
  await migrate(dataSource);

  const generatedPassword = await new AccountService().ensureFirstAdministrator(systemContext(dataSource, "startup"), config.adminPassword);
  if (generatedPassword !== null) {
    // Printed once, straight to the terminal rather than into the JSON logs that get shipped elsewhere.
    process.stderr.write(`\nFirst administrator created: user "admin", password "${generatedPassword}" (shown only now; set ZEREN_ADMIN_PASSWORD to choose it).\n\n`);
  }

  if (config.loadDemoData) {
    const created = await loadDemoDataIfEmpty(systemContext(dataSource, "startup"));
    if (created > 0) log("info", "demo data loaded into the empty database", { organizations: created });
  }

  const { httpServer, apollo, readiness } = await createApp({
    dataSource,
    production: config.production,
    auth: { jwtSecret: config.jwtSecret, tokenTtlSeconds: config.tokenTtlSeconds },
    introspection: config.introspection,
    // What is left of the shutdown timeout after draining closes the pool and exits.
    drainGracePeriodMs: Math.max(500, config.shutdownTimeoutMs - 2000),
  });
  await new Promise<void>((resolve) => httpServer.listen(config.port, resolve));
  const { port } = httpServer.address() as AddressInfo;
  log("info", `Zeren is serving http://localhost:${port}${GRAPHQL_PATH}`, {
    database: target.dialect === "sqlite" ? `sqlite:${target.file}` : `${target.driver}://${target.host}:${target.port}/${target.database}`,
    replicas: target.dialect === "mysql" ? target.replicas?.map((replica) => `${replica.host}:${replica.port}`) : undefined,
  });

  // Graceful shutdown: /readyz turns 503, the listener closes (new connections are refused),
  // idle keep-alive connections close, requests in flight finish (Apollo's drain plugin, which
  // cuts them off after drainGracePeriodMs), then the pool closes and the process exits 0.
  // A second signal, or ZEREN_SHUTDOWN_TIMEOUT running out, exits 1 at once.
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log("warn", "second signal during shutdown: exiting now", { signal });
      process.exit(1);
    }
    stopping = true;
    const started = Date.now();
    log("info", "shutting down: refusing new connections, finishing requests in flight", { signal, timeoutMs: config.shutdownTimeoutMs });
    setTimeout(() => {
      log("error", "shutdown did not finish within ZEREN_SHUTDOWN_TIMEOUT; exiting anyway", { timeoutMs: config.shutdownTimeoutMs });
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    try {
      readiness.beginShutdown();
      await apollo.stop();
      await dataSource.destroy();
      log("info", "shut down", { ms: Date.now() - started });
      process.exit(0);
    } catch (error) {
      log("error", "shutdown failed", { error: (error as Error).message, stack: (error as Error).stack });
      process.exit(1);
    }
  };
  process.on("SIGTERM", (signal) => void shutdown(signal));
  process.on("SIGINT", (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\nSee README.md, section "Configuration".\n`);
  } else {
    log("error", "start-up failed", { error: (error as Error).message, stack: (error as Error).stack });
  }
  process.exit(1);
});

import { randomUUID } from "node:crypto";
import http from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { DataSource } from "typeorm";
import { dialectOf } from "../db/data-source";
import { mutationReadsFromPrimary, withReadRouting } from "../db/replication";
import { currentStatementTally, withStatementTally, type StatementTally } from "../db/statement-counter";
import { createLoaders } from "../loaders";
import { log, withRequestId } from "../logger";
import { buildSchema } from "../schema/build-schema";
import { formatError } from "../schema/format-error";
import type { RequestContext } from "../services/request-context";
import { Authenticator } from "../services/auth/authenticator";
import { abuseValidationRules, ABUSE_LIMITS, batchLimit, complexityLimitPlugin } from "./abuse-limits";
import { mountExports } from "./exports/exports.router";
import { mountGraphiql } from "./graphiql";
import { mountHealth, Readiness } from "./health";
import { createMetrics, type Metrics } from "./metrics";

export const GRAPHQL_PATH = "/graphql";
/** Response header with the number of SQL statements the request sent (not in production). */
export const STATEMENT_COUNT_HEADER = "x-zeren-sql-statements";
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface AppOptions {
  dataSource: DataSource;
  production: boolean;
  /** Login tokens: the HS256 key and their lifetime. */
  auth: { jwtSecret: string; tokenTtlSeconds: number };
  /** Answer introspection queries (off in production unless configured). */
  introspection: boolean;
  /** How long stopping waits for requests in flight before closing their connections (default 10 s). */
  drainGracePeriodMs?: number;
}

export interface RunningApp {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  /** /readyz; main.ts marks it shutting down on SIGTERM. */
  readiness: Readiness;
  metrics: Metrics;
}

/**
 * The Express 5 application: GraphiQL (served from our own files), the GraphQL endpoint,
 * health, readiness and metrics (docs/operations.md). Each request gets its own id,
 * statement tally, read routing and context.
 */
export async function createApp({ dataSource, production, auth, introspection, drainGracePeriodMs }: AppOptions): Promise<RunningApp> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const schema = await buildSchema();
  const readiness = new Readiness(dataSource);
  const metrics = createMetrics(dataSource);
  const authenticator = new Authenticator({ secret: auth.jwtSecret, tokenTtlSeconds: auth.tokenTtlSeconds });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    introspection,
    // Abusive documents are refused at validation, before any resolver (and so any SQL) runs.
    validationRules: abuseValidationRules(),
    parseOptions: { maxTokens: ABUSE_LIMITS.maxTokens },
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT (drain, close the pool, exit); Apollo's own handlers would
    // stop the server a second time and re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: drainGracePeriodMs }),
      ApolloServerPluginLandingPageDisabled(),
      // Zeren sets no cache hints; the default cache-control plugin would wrap every field's
      // resolver (willResolveField) only to compute a policy nobody reads.
      ApolloServerPluginCacheControlDisabled(),
      metrics.plugin,
      complexityLimitPlugin(),
      mutationReadsFromPrimary(),
      ...(production ? [] : [statementCountHeader()]),
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const incoming = req.header("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader("x-request-id", requestId);
    res.locals.requestId = requestId;
    const tally: StatementTally = { count: 0 };
    withStatementTally(tally, () => withRequestId(requestId, () => withReadRouting(next)));
  });

  mountHealth(app, readiness);
  app.get("/metrics", metrics.handler);
  mountExports(app, { dataSource, authenticator });

  mountGraphiql(app, { endpoint: GRAPHQL_PATH });

  app.use(
    GRAPHQL_PATH,
    // Large enough for an inline importOrganizations CSV of about 10^5 rows.
    express.json({ limit: "20mb" }),
    batchLimit(),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => ({
        requestId: res.locals.requestId as string,
        dataSource,
        dialect: dialectOf(dataSource),
        em: dataSource.manager,
        loaders: createLoaders(() => dataSource.manager),
        auth: authenticator.forRequest({ authorization: req.headers.authorization, address: req.ip ?? null, em: dataSource.manager }),
        audit: { entriesWritten: 0 },
      }),
    }),
  );

  app.use((error: Error, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) log("error", "http error", { error: error.message, stack: error.stack });
    res.status(status).json({ errors: [{ message: status >= 500 ? "Internal server error" : error.message, extensions: { code: status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }] });
  });

  return { app, httpServer, apollo, readiness, metrics };
}

/** Lets tests count statements per request through the real endpoint. */
function statementCountHeader(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const tally = currentStatementTally();
          if (tally) response.http.headers.set(STATEMENT_COUNT_HEADER, String(tally.count));
        },
      };
    },
  };
}

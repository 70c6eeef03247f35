/**
 * Imported first by bench/run.ts: libraries read NODE_ENV when they load, and a deployment
 * runs with NODE_ENV=production (graphql-js, for one, then skips a development-only check
 * in every type test it makes while executing). The server under test is still created
 * with production: false, so that it reports its SQL statements per request.
 */
process.env.NODE_ENV = "production";

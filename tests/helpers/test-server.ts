import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import { createApp, GRAPHQL_PATH, STATEMENT_COUNT_HEADER } from "../../src/http/app";
import { setLogLevel } from "../../src/logger";
import type { RequestContext } from "../../src/services/request-context";
import { systemContext } from "../../src/services/system-context";
import { ensureTestAdministrator, loginThroughHttp, TEST_ADMIN_PASSWORD, TEST_APP_AUTH } from "./test-auth";
import { createTestDatabase, type TestDatabase } from "./test-db";

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
  /** SQL statements the request sent, from the server's response header. */
  statements: number;
  headers: Headers;
}

export interface TestServer {
  url: string;
  graphqlUrl: string;
  dataSource: DataSource;
  database: TestDatabase;
  /** Token of the first administrator, sent by gql() unless its headers say otherwise ({ authorization: "" } sends none). */
  adminToken: string;
  login(username: string, password: string): Promise<string>;
  /** A context for direct service calls (arranging data; assertions go through HTTP). */
  context(): RequestContext;
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** A real HTTP server on a free port, over a fresh database of the dialect under test. */
export async function startTestServer(): Promise<TestServer> {
  setLogLevel((process.env.LOG_LEVEL as "error") ?? "error");
  const database = await createTestDatabase();
  const { httpServer, apollo } = await createApp({ dataSource: database.dataSource, production: false, ...TEST_APP_AUTH });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const graphqlUrl = url + GRAPHQL_PATH;
  await ensureTestAdministrator(database.dataSource);
  const adminToken = await loginThroughHttp(graphqlUrl, "admin", TEST_ADMIN_PASSWORD);
  return {
    url,
    graphqlUrl,
    dataSource: database.dataSource,
    database,
    context: () => systemContext(database.dataSource, "test"),
    adminToken,
    login: (username, password) => loginThroughHttp(graphqlUrl, username, password),
    async gql(query, variables, headers) {
      const response = await fetch(graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${adminToken}`, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: any };
      return {
        status: response.status,
        data: body.data,
        errors: body.errors,
        statements: Number(response.headers.get(STATEMENT_COUNT_HEADER) ?? NaN),
        headers: response.headers,
      };
    },
    async close() {
      await apollo.stop();
      await database.drop();
    },
  };
}

import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import { createApp, GRAPHQL_PATH, type RunningApp } from "../../src/http/app";
import { ensureTestAdministrator, loginThroughHttp, TEST_ADMIN_PASSWORD, TEST_APP_AUTH } from "../helpers/test-auth";

/** An app on a free port over a data source the test owns (test-server.ts makes its own database). */
export interface OpsServer {
  url: string;
  running: RunningApp;
  /** Token of the first administrator, sent by gql() unless its headers say otherwise. */
  adminToken: string;
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  get(path: string): Promise<{ status: number; text: string; json(): any }>;
  close(): Promise<void>;
}

/**
 * `beforeLogin` runs after the administrator is created and before the login (with replicas:
 * wait there until the replica has the account, as requests authenticate on replicas).
 */
export async function startOpsServer(dataSource: DataSource, beforeLogin?: () => Promise<unknown>): Promise<OpsServer> {
  const running = await createApp({ dataSource, production: false, ...TEST_APP_AUTH });
  await new Promise<void>((resolve) => running.httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(running.httpServer.address() as AddressInfo).port}`;
  await ensureTestAdministrator(dataSource);
  await beforeLogin?.();
  const adminToken = await loginThroughHttp(url + GRAPHQL_PATH, "admin", TEST_ADMIN_PASSWORD);
  return {
    url,
    running,
    adminToken,
    async gql(query, variables, headers) {
      const response = await fetch(url + GRAPHQL_PATH, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${adminToken}`, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.json(), headers: response.headers };
    },
    async get(path) {
      const response = await fetch(url + path);
      const text = await response.text();
      return { status: response.status, text, json: () => JSON.parse(text) };
    },
    async close() {
      await running.apollo.stop();
    },
  };
}

/**
 * One sample of a Prometheus text exposition, or 0 when the series does not exist yet.
 * `labels` must name every label of the series.
 */
export function sample(exposition: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(",");
  for (const line of exposition.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? "")
      .split(/,(?=[a-zA-Z_]+=")/)
      .filter(Boolean)
      .sort()
      .join(",");
    if (have === wanted) return Number(match[3]);
  }
  return 0;
}

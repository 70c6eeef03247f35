import type { DataSource } from "typeorm";
import type { AppOptions } from "../../src/http/app";
import { AccountService } from "../../src/services/auth/account.service";
import { systemContext } from "../../src/services/system-context";

/** The settings every test app runs with: a fixed key, so tokens can be checked across servers of one test. */
export const TEST_APP_AUTH: Pick<AppOptions, "auth" | "introspection"> = {
  auth: { jwtSecret: "zeren-test-secret-of-at-least-32-characters", tokenTtlSeconds: 3600 },
  introspection: true,
};

export const TEST_ADMIN_PASSWORD = "test-admin-password";

/** Creates the first administrator ("admin") of an empty test database. */
export async function ensureTestAdministrator(dataSource: DataSource): Promise<void> {
  await new AccountService().ensureFirstAdministrator(systemContext(dataSource, "test-setup"), TEST_ADMIN_PASSWORD);
}

/** Logs in through the real endpoint and returns the token. */
export async function loginThroughHttp(graphqlUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query: "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }", variables: { u: username, p: password } }),
  });
  const body = (await response.json()) as { data?: { login?: { token: string } }; errors?: unknown };
  if (!body.data?.login) throw new Error(`login as ${username} failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.token;
}

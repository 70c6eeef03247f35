import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { MARIADB_SERVER_URL, TEST_DATABASE_PREFIX, TEST_DIALECT, withServer } from "../helpers/test-db";
import { sleep, waitFor } from "./private-mariadb";

/**
 * SIGTERM on the real entry point (src/main.ts, run through ts-register.js): the listener
 * closes at once, a request in flight still gets its answer, idle keep-alive connections are
 * closed, the pool closes and the process exits 0. A second signal exits at once with 1.
 *
 * "In flight" is made deterministic by sending a request's headers and half its body, then
 * the signal, then the rest: the server holds a started request it cannot finish early.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const BODY = JSON.stringify({ query: "query OpsInFlight { __typename }" });

interface Service {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

let workDir: string;
let databaseUrl: string | undefined;
let databaseName: string | undefined;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "zeren-ops-shutdown-"));
  if (TEST_DIALECT === "mariadb") {
    databaseName = `${TEST_DATABASE_PREFIX}${randomBytes(4).toString("hex")}`;
    await withServer((connection) => connection.query(`CREATE DATABASE \`${databaseName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
    const url = new URL(MARIADB_SERVER_URL);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
});

afterAll(async () => {
  if (databaseName) await withServer((connection) => connection.query(`DROP DATABASE IF EXISTS \`${databaseName}\``));
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function startService(): Promise<Service> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    ZEREN_JWT_SECRET: randomBytes(32).toString("base64url"),
    ZEREN_ADMIN_PASSWORD: "ops-shutdown-password",
    ZEREN_DEMO_DATA: "false",
    ZEREN_SQLITE_PATH: path.join(workDir, "zeren.sqlite"),
    ZEREN_SHUTDOWN_TIMEOUT: "10s",
    LOG_LEVEL: "info",
    PORT: "0",
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_REPLICA_URLS;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, ["-r", "./tests/ops/ts-register.js", "src/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  let port = 0;
  await waitFor(
    "the service to listen",
    async () => {
      if (child.exitCode !== null) throw new Error(`the service exited at start-up:\n${output}`);
      const match = /Zeren is serving http:\/\/localhost:(\d+)\//.exec(output);
      if (match) port = Number(match[1]);
      return port > 0;
    },
    30_000,
  );
  return { child, port, output: () => output, exited };
}

/** A connection that has sent a request's headers and the first half of its body. */
async function halfSentRequest(port: number): Promise<{ finish(): Promise<string> }> {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let received = "";
  socket.on("data", (chunk) => (received += chunk));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  const half = Math.floor(BODY.length / 2);
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY.slice(0, half)}`,
  );
  // Let the server parse the headers (its 'request' event makes the request "in flight").
  await sleep(300);
  return {
    async finish() {
      socket.write(BODY.slice(half));
      await closed;
      return received;
    },
  };
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

test("SIGTERM: refuses new connections, finishes the request in flight, closes idle connections, exits 0", async () => {
  const service = await startService();
  try {
    // An idle keep-alive connection: the drain must close it rather than wait for it.
    const idle = net.connect(service.port, "127.0.0.1");
    let idleReply = "";
    idle.on("data", (chunk) => (idleReply += chunk));
    const idleClosed = new Promise<void>((resolve) => idle.once("close", () => resolve()));
    idle.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
    await waitFor("the keep-alive reply", async () => idleReply.includes("\r\n\r\n{"), 5000, 20);

    const inFlight = await halfSentRequest(service.port);
    const signalledAt = Date.now();
    service.child.kill("SIGTERM");
    await waitFor("the shutdown to begin", async () => service.output().includes("shutting down"), 5000, 20);

    await waitFor("new connections to be refused", async () => !(await connects(service.port)), 3000, 20);
    await Promise.race([idleClosed, sleep(3000).then(() => Promise.reject(new Error("the idle keep-alive connection was not closed")))]);

    const reply = await inFlight.finish();
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4))).toEqual({ data: { __typename: "Query" } });

    const exit = await service.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(10_000);
    expect(service.output()).toMatch(/"message":"shut down"/);
  } finally {
    service.child.kill("SIGKILL");
  }
}, 60_000);

test("a second signal during the drain exits at once with status 1", async () => {
  const service = await startService();
  try {
    await halfSentRequest(service.port); // never finished: the drain would wait for it
    service.child.kill("SIGTERM");
    await waitFor("the shutdown to begin", async () => service.output().includes("shutting down"), 5000, 20);
    const signalledAt = Date.now();
    service.child.kill("SIGINT");
    const exit = await service.exited;
    expect(exit.code).toBe(1);
    expect(exit.at - signalledAt).toBeLessThan(2000);
    expect(service.output()).toMatch(/second signal during shutdown/);
  } finally {
    service.child.kill("SIGKILL");
  }
}, 60_000);

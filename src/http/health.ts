import type express from "express";
import type { DataSource } from "typeorm";
import { DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE, unavailabilityCause } from "../db/database-errors";
import { ReplicatedDataSource, withTimeout, type ReplicaProbe } from "../db/replication";
import { log } from "../logger";

/**
 * Liveness and readiness, for a supervisor and a load balancer:
 *
 * - GET /healthz: the process answers (200). No database check, so a database outage never
 *   makes a supervisor kill and restart instances that would recover on their own.
 * - GET /readyz: 200 when the primary database answers `SELECT 1` within PROBE_TIMEOUT_MS;
 *   503 with a JSON reason when it does not, and while the instance shuts down, so the
 *   load balancer sends new requests elsewhere. Replicas are listed but do not decide:
 *   when none answers, reads fall back to the primary (replication.ts).
 */
export const PROBE_TIMEOUT_MS = 2000;

export class Readiness {
  private shuttingDown = false;
  /** The primary's last state, so that only changes are logged (a probe runs every few seconds). */
  private primaryUp: boolean | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** From now on /readyz answers 503 "shutting_down". */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async check(): Promise<{ status: number; body: Record<string, unknown> }> {
    if (this.shuttingDown || !this.dataSource.isInitialized) {
      return { status: 503, body: { status: "shutting_down" } };
    }
    const started = Date.now();
    const [primary, replicas] = await Promise.all([
      this.probePrimary(),
      this.dataSource instanceof ReplicatedDataSource ? this.dataSource.probeReplicas(PROBE_TIMEOUT_MS) : Promise.resolve(undefined),
    ]);
    const database = { primary: { ...primary, latencyMs: Date.now() - started }, ...(replicas ? { replicas } : {}) };
    this.notePrimary(primary.status === "up", primary.cause, replicas);
    if (primary.status === "down") {
      return { status: 503, body: { status: "unavailable", reason: DATABASE_UNAVAILABLE, message: DATABASE_UNAVAILABLE_MESSAGE, database } };
    }
    return { status: 200, body: { status: "ready", database } };
  }

  /** On the primary explicitly: with replicas, a plain `dataSource.query` would read from one. */
  private async probePrimary(): Promise<{ status: "up" | "down"; cause?: string }> {
    const runner = this.dataSource.createQueryRunner("master");
    const ping: Promise<unknown> = runner.query("SELECT 1");
    // Released only once the statement settles, not at the timeout: a connection given back
    // to the pool with a statement still running would delay whoever takes it next.
    void ping.then(
      () => runner.release(),
      () => runner.release(),
    );
    try {
      await withTimeout(ping, PROBE_TIMEOUT_MS);
      return { status: "up" };
    } catch (error) {
      return { status: "down", cause: unavailabilityCause(error) };
    }
  }

  private notePrimary(up: boolean, cause: string | undefined, replicas: ReplicaProbe[] | undefined): void {
    if (up === this.primaryUp) return;
    if (up && this.primaryUp === false) log("info", "database answers again", { replicas });
    if (!up) log("error", "database unavailable", { reason: DATABASE_UNAVAILABLE, cause });
    this.primaryUp = up;
  }
}

export function mountHealth(app: express.Express, readiness: Readiness): void {
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) });
  });

  app.get("/readyz", async (_req, res) => {
    const { status, body } = await readiness.check();
    res.status(status).setHeader("cache-control", "no-store").json(body);
  });
}

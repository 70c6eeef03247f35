import { randomUUID } from "node:crypto";
import type express from "express";
import type { DataSource } from "typeorm";
import { dialectOf } from "../../db/data-source";
import { DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "../../db/database-errors";
import { OrganizationEntity } from "../../entities";
import { createLoaders } from "../../loaders";
import { log } from "../../logger";
import { fromGlobalId } from "../../schema/global-id";
import type { Authenticator } from "../../services/auth/authenticator";
import { readAccess, roleAllows } from "../../services/auth/authorization";
import { BadUserInputError, DomainError, ForbiddenError, NotFoundError, UnauthenticatedError, type ErrorCode } from "../../services/errors";
import { PeriodService } from "../../services/period/period.service";
import type { RequestContext } from "../../services/request-context";
import { ClientGoneError } from "./backpressure";
import { asciiName, contentDisposition, safeFileName } from "./content-disposition";
import { CSV_CONTENT_TYPE, CsvWriter } from "./csv-writer";
import type { ExportDataset } from "./export-dataset";
import { DATASET_TITLES, LANGS, type DatasetName, type Lang } from "./export-labels";
import { liveTreeScope, periodTreeScope } from "./export-scope";
import { hotspotsExport } from "./hotspots.export";
import { problemsExport } from "./problems.export";
import { rollupsExport } from "./rollups.export";
import { scoresExport } from "./scores.export";
import { XLSX_CONTENT_TYPE, XlsxWriter } from "./xlsx-writer";

export const EXPORTS_PATH = "/exports";

const DATASETS: Record<DatasetName, ExportDataset> = {
  scores: scoresExport,
  rollups: rollupsExport,
  hotspots: hotspotsExport,
  problems: problemsExport,
};

type Format = "csv" | "xlsx";
const FILE = /^(scores|rollups|hotspots|problems)\.(csv|xlsx)$/;

export interface ExportsOptions {
  dataSource: DataSource;
  authenticator: Authenticator;
}

/**
 * GET /exports/<dataset>.<csv|xlsx>?period=2026-H1&under=<Organization id>&lang=zh|en
 *
 * Bulk files of one period for a subtree: `scores`, `rollups`, `hotspots`, `problems`. Plain
 * HTTP rather than GraphQL, because a file of 10^6 rows is streamed as it is read: rows come
 * from the database in keyset-paginated chunks and go out as the client takes them (the
 * writers wait for 'drain'), so memory stays flat whatever the size (bench/export.bench.ts
 * measures it; docs/benchmarks.md "Exports").
 *
 * Authenticated and scoped like the API: `Authorization: Bearer <token>`, else 401; `under`
 * defaults to the caller's scope (the whole forest for an unscoped administrator); an
 * `under` the caller cannot see is 404, as if unknown; an `under` above the scope (an
 * ancestor, readable by name for breadcrumbs) is cut to the scope, as the API's subtree
 * reports do. Errors before the first byte are JSON like the GraphQL endpoint's
 * (`{ errors: [{ message, extensions: { code } }] }`); a failure after it aborts the
 * response, so a client never mistakes a truncated file for a complete one.
 *
 * Each chunk is its own statement, not one snapshot: a row written during a long export may
 * or may not appear, but the keyset order never repeats or skips rows that did not change.
 */
export function mountExports(app: express.Express, options: ExportsOptions): void {
  app.get(`${EXPORTS_PATH}/:file`, (req, res) => serveExport(req, res, options));
}

interface ExportRequest {
  dataset: ExportDataset;
  format: Format;
  periodCode: string;
  underId: number | null;
  lang: Lang;
}

async function serveExport(req: express.Request, res: express.Response, { dataSource, authenticator }: ExportsOptions): Promise<void> {
  const started = Date.now();
  const requestId = (res.locals.requestId as string | undefined) ?? randomUUID();
  let writer: CsvWriter | XlsxWriter | null = null;
  let rowCount = 0;
  let request: ExportRequest | null = null;
  try {
    const auth = authenticator.forRequest({ authorization: req.headers.authorization, address: req.ip ?? null, em: dataSource.manager });
    const actor = await auth.actor();
    if (!actor) throw new UnauthenticatedError();
    if (!roleAllows(actor.role, "read")) throw new ForbiddenError(`Your role ${actor.role} may not read.`);
    request = parseRequest(req);
    const ctx: RequestContext = {
      requestId,
      dataSource,
      dialect: dialectOf(dataSource),
      em: dataSource.manager,
      loaders: createLoaders(() => dataSource.manager),
      auth,
      audit: { entriesWritten: 0 },
    };
    const period = await new PeriodService().requireByCode(ctx, request.periodCode);
    let under: OrganizationEntity | null = null;
    if (request.underId !== null) {
      under = await ctx.em.findOneBy(OrganizationEntity, { id: request.underId });
      if (!under || readAccess(actor, under.path) === "NONE") throw new NotFoundError(`under: organisation ${req.query.under} does not exist`);
    }
    const { dataset, format, lang } = request;
    const scope = dataset.tree === "period" ? await periodTreeScope(ctx, actor, period, under) : liveTreeScope(actor, under);
    const source = dataset.open({ ctx, period, scope, lang });
    const chunks = source.chunks()[Symbol.asyncIterator]();
    // The first chunk is read before the status line, so that a failing query still answers
    // with a JSON error instead of a truncated file.
    let next = await chunks.next();

    const title = DATASET_TITLES[dataset.name];
    const stem = [title[lang], under?.code, period.code].filter(Boolean).join("_");
    const asciiStem = [title.en, under ? asciiName(under.code) : null, period.code].filter(Boolean).join("_");
    res.status(200);
    res.setHeader("Content-Type", format === "csv" ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE);
    res.setHeader("Content-Disposition", contentDisposition(`${safeFileName(stem)}.${format}`, `${asciiStem}.${format}`));
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Content-Type-Options", "nosniff");
    // Express answers HEAD with the GET route: the headers say what the file would be, without reading it.
    if (req.method === "HEAD") {
      res.end();
      return;
    }

    writer = format === "csv" ? new CsvWriter(res) : new XlsxWriter(res, { sheetName: title[lang] });
    await writer.start(source.columns);
    while (!next.done) {
      rowCount += await writer.write(next.value);
      // Back to the event loop between chunks. SQLite statements are synchronous, and a socket
      // that keeps up never makes write() wait, so without this a 10^6-row export would be one
      // unbroken chain of microtasks: no other request (not even /healthz) would be served
      // until it ended. One turn per chunk costs microseconds.
      await new Promise((resolve) => setImmediate(resolve));
      next = await chunks.next();
    }
    await writer.finish();
    log("info", "export", { dataset: dataset.name, format, period: period.code, under: under?.code ?? null, rows: rowCount, ms: Date.now() - started });
  } catch (error) {
    if (writer instanceof XlsxWriter) writer.abort();
    if (error instanceof ClientGoneError) {
      log("info", "export abandoned by the client", { dataset: request?.dataset.name, rows: rowCount, ms: Date.now() - started });
      res.destroy();
      return;
    }
    if (res.headersSent) {
      // The status line is out: cutting the connection is the only way to tell the client the
      // file is incomplete (chunked encoding then lacks its final chunk).
      log("error", "export failed after it started", { dataset: request?.dataset.name, rows: rowCount, error: (error as Error).message, stack: (error as Error).stack });
      res.destroy();
      return;
    }
    sendError(res, error);
  }
}

function parseRequest(req: express.Request): ExportRequest {
  const file = FILE.exec(String(req.params.file));
  if (!file) throw new NotFoundError(`no export named "${req.params.file}": use scores, rollups, hotspots or problems, as .csv or .xlsx`);
  const periodCode = single(req, "period");
  if (periodCode === null || periodCode.trim() === "") {
    throw new BadUserInputError("period is required, e.g. ?period=2026-H1", [{ column: "period", reason: "missing" }]);
  }
  const lang = (single(req, "lang") ?? "zh").trim().toLowerCase();
  if (!LANGS.includes(lang as Lang)) throw new BadUserInputError(`lang must be zh or en, not "${lang}"`, [{ column: "lang", reason: "not zh or en" }]);
  const under = single(req, "under");
  let underId: number | null = null;
  if (under !== null && under !== "") {
    const parsed = fromGlobalId(under);
    if (!parsed || parsed.type !== "Organization") {
      throw new BadUserInputError(`under is not the id of an Organization: "${under}"`, [{ column: "under", reason: "not an Organization id" }]);
    }
    underId = parsed.id;
  }
  return { dataset: DATASETS[file[1] as DatasetName], format: file[2] as Format, periodCode: periodCode.trim(), underId, lang: lang as Lang };
}

/** One value of a query parameter; a repeated parameter is bad input. */
function single(req: express.Request, name: string): string | null {
  const value = req.query[name];
  if (value === undefined) return null;
  if (typeof value !== "string") throw new BadUserInputError(`${name} must be given once`, [{ column: name, reason: "repeated or structured" }]);
  return value;
}

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PERIOD_CLOSED: 409,
  INTERNAL_SERVER_ERROR: 500,
};

/** The JSON error body of the GraphQL endpoint, with the HTTP status its code means. */
function sendError(res: express.Response, error: unknown): void {
  if (error instanceof DomainError) {
    if (error.code === "UNAUTHENTICATED") res.setHeader("WWW-Authenticate", 'Bearer realm="zeren"');
    res.status(STATUS[error.code]).json({ errors: [{ message: error.message, extensions: { ...error.extensions, code: error.code } }] });
    return;
  }
  if (isDatabaseUnavailable(error)) {
    res.status(503).json({ errors: [{ message: DATABASE_UNAVAILABLE_MESSAGE, extensions: { code: "INTERNAL_SERVER_ERROR", reason: DATABASE_UNAVAILABLE } }] });
    return;
  }
  log("error", "export failed", { error: (error as Error).message, stack: (error as Error).stack });
  res.status(500).json({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
}

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Express, NextFunction, Request, Response } from "express";

/**
 * GraphiQL served entirely from this service's own node_modules: deployments sit on
 * intranets without internet access, so the page must never reach for a CDN. The
 * Content-Security-Policy on the page makes that a browser-enforced guarantee rather
 * than a convention.
 */

export interface GraphiqlOptions {
  /** Path of the GraphQL endpoint, e.g. "/graphql"; the IDE is served on GET of the same path. */
  endpoint: string;
  title?: string;
}

export const GRAPHIQL_ASSET_PREFIX = "/graphiql/assets";
const DEFAULT_TITLE = "Zeren 责任 GraphQL";

interface Asset {
  file: string;
  contentType: string;
}

interface AssetUrls {
  react: string;
  reactDom: string;
  graphiqlJs: string;
  graphiqlCss: string;
}

const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

export function mountGraphiql(app: Express, options: GraphiqlOptions): void {
  const { endpoint } = options;
  // The CSP only allows connect-src 'self', and the route is mounted on this path.
  if (!endpoint.startsWith("/") || endpoint.startsWith("//")) {
    throw new Error(`GraphiQL endpoint must be a same-origin path such as "/graphql", not ${JSON.stringify(endpoint)}`);
  }
  const { assets, urls } = resolveAssets();
  const title = options.title ?? DEFAULT_TITLE;

  // Only the files named here can be served: the lookup is an exact match on the raw
  // request path, so "..", encoded slashes and the like simply find nothing.
  app.use(GRAPHIQL_ASSET_PREFIX, (req: Request, res: Response, next: NextFunction) => {
    const asset = req.method === "GET" || req.method === "HEAD" ? assets.get(req.path) : undefined;
    if (!asset) {
      res.status(404).type("text/plain").send("Not found");
      return;
    }
    // send() keeps a Content-Type that is already set, so ours (with charset) wins.
    res.setHeader("Content-Type", asset.contentType);
    res.setHeader("X-Content-Type-Options", "nosniff");
    // URLs carry the package version, so a file never changes under the same URL.
    // dotfiles "allow": the allowlist is the guard, and send() would otherwise refuse
    // files of a service installed under a hidden directory such as ~/.local.
    res.sendFile(asset.file, { maxAge: "1y", immutable: true, dotfiles: "allow" }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });

  app.get(endpoint, (req: Request, res: Response, next: NextFunction) => {
    // Same URL, two representations: shared caches must not hand the page to API clients.
    res.vary("Accept");
    // curl and GraphQL clients send */*, application/json or nothing and get the API;
    // only a browser navigation ranks text/html above JSON.
    if (req.accepts(["application/json", "application/graphql-response+json", "text/html"]) !== "text/html") {
      next();
      return;
    }
    const nonce = randomBytes(16).toString("base64");
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    // The nonce is per response; a cached copy would carry a stale one.
    res.setHeader("Cache-Control", "no-store");
    res.type("html").send(renderPage({ endpoint, title, nonce, urls }));
  });
}

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    // GraphiQL, CodeMirror and react-remove-scroll set inline styles and inject <style>.
    "style-src 'self' 'unsafe-inline'",
    // graphiql.min.css embeds its Roboto / Fira Code fonts and some icons as data: URIs.
    "font-src 'self' data:",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join("; ");
}

function resolveAssets(): { assets: Map<string, Asset>; urls: AssetUrls } {
  const react = packageDir("react");
  const reactDom = packageDir("react-dom");
  const graphiql = packageDir("graphiql");
  const assets = new Map<string, Asset>();
  const add = (pkg: PackageDir, relative: string, contentType: string, urlName = path.basename(relative)): string => {
    const file = path.join(pkg.dir, relative);
    // Fail at start-up rather than ship a blank page if an upgrade moves a file.
    if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      throw new Error(`GraphiQL asset missing: ${file} (is ${pkg.name}@${pkg.version} installed?)`);
    }
    const key = `/${pkg.name}@${pkg.version}/${urlName}`;
    assets.set(key, { file, contentType });
    return GRAPHIQL_ASSET_PREFIX + key;
  };
  const urls: AssetUrls = {
    react: add(react, "umd/react.production.min.js", JS),
    reactDom: add(reactDom, "umd/react-dom.production.min.js", JS),
    graphiqlJs: add(graphiql, "graphiql.min.js", JS),
    graphiqlCss: add(graphiql, "graphiql.min.css", CSS),
  };
  // The bundle ends with "sourceMappingURL=index.umd.js.map" (its pre-rename name), which
  // browser dev tools resolve next to graphiql.min.js; without this they log a 404.
  add(graphiql, "graphiql.min.js.map", JSON_TYPE, "index.umd.js.map");
  return { assets, urls };
}

interface PackageDir {
  name: string;
  version: string;
  dir: string;
}

// Via package.json because graphiql's "exports" map does not expose graphiql.min.js,
// and because require.resolve works the same from src/ (ts-jest) and dist/src/ (node).
function packageDir(name: string): PackageDir {
  const manifest = require.resolve(`${name}/package.json`);
  const { version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string };
  return { name, version, dir: path.dirname(manifest) };
}

const DEFAULT_QUERY = `# Zeren 责任 GraphQL
#
# 登录：执行下面注释中的 login 变更（去掉行首的 #），取得 token，
# 然后在下方 Headers（请求头）标签中填入：
#   {"Authorization": "Bearer <token>"}
#
# Log in: run the login mutation below (remove the leading #) to get a token,
# then put this in the Headers tab below:
#   {"Authorization": "Bearer <token>"}
#
# mutation { login(username: "…", password: "…") { token } }

query FirstOrganizations {
  organizations(first: 5) {
    nodes { id code name kind }
  }
}
`;

function renderPage({ endpoint, title, nonce, urls }: { endpoint: string; title: string; nonce: string; urls: AssetUrls }): string {
  const config = scriptJson({ endpoint, defaultQuery: DEFAULT_QUERY });
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(urls.graphiqlCss)}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">正在加载 GraphiQL… Loading GraphiQL…</div>
<noscript>GraphiQL 需要启用 JavaScript。 GraphiQL needs JavaScript.</noscript>
<script src="${escapeHtml(urls.react)}"></script>
<script src="${escapeHtml(urls.reactDom)}"></script>
<script src="${escapeHtml(urls.graphiqlJs)}"></script>
<script nonce="${nonce}">
(function () {
  var config = ${config};
  var container = document.getElementById("graphiql");
  if (!window.React || !window.ReactDOM || !window.GraphiQL) {
    container.textContent = "GraphiQL 资源加载失败 / GraphiQL assets failed to load";
    return;
  }
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: "headers"
    })
  );
})();
</script>
</body>
</html>
`;
}

/** JSON that cannot close the surrounding <script> or break a JS string literal. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

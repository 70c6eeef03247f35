import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { mountGraphiql } from "../../src/http/graphiql";

/**
 * Deployments have no internet: everything the GraphiQL page needs must come from the
 * service itself. These tests walk the page the way a browser would and fail on any
 * reference that would leave the origin.
 */

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
const CDN_HOSTS = ["unpkg.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com", "fonts.googleapis.com", "fonts.gstatic.com"];

let server: http.Server;
let origin: string;
let page: { status: number; contentType: string; csp: string; vary: string; html: string };
const assets = new Map<string, { contentType: string; cacheControl: string; body: string }>();

beforeAll(async () => {
  const app = express();
  mountGraphiql(app, { endpoint: "/graphql" });
  // Stands in for Apollo: whatever GraphiQL does not claim must reach it.
  app.get("/graphql", (_req, res) => {
    res.json({ api: true });
  });
  server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const response = await fetch(`${origin}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
  page = {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    csp: response.headers.get("content-security-policy") ?? "",
    vary: response.headers.get("vary") ?? "",
    html: await response.text(),
  };
  for (const ref of references(page.html)) {
    const asset = await fetch(new URL(ref, `${origin}/graphql`));
    assets.set(ref, {
      contentType: `${asset.status} ${asset.headers.get("content-type") ?? ""}`,
      cacheControl: asset.headers.get("cache-control") ?? "",
      body: await asset.text(),
    });
  }
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

/** Every src= and href= attribute value in the page. */
function references(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1]!);
}

/** Every url(...) and @import target in a stylesheet. */
function cssReferences(css: string): string[] {
  const urls = [...css.matchAll(/url\(\s*(["']?)(.*?)\1\s*\)/gi)].map((m) => m[2]!);
  const imports = [...css.matchAll(/@import\s+(["'])(.*?)\1/gi)].map((m) => m[2]!);
  return [...urls, ...imports];
}

function isSameOriginPath(ref: string): boolean {
  // A scheme (http:, https:, data:, …) or a leading "//" would leave the origin.
  return !/^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.startsWith("//") && !ref.startsWith("\\");
}

/** Sends the path byte-for-byte: fetch() would normalise "..", hiding the attack. */
function rawGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${origin}${path}`, { headers: { accept: "*/*" } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
  });
}

describe("GraphiQL served offline", () => {
  it("serves the page to a browser", () => {
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.html).toContain('<meta charset="utf-8">');
    expect(page.html).toContain("<title>Zeren 责任 GraphQL</title>");
    expect(page.html).toContain("GraphiQL.createFetcher");
    expect(page.html).toContain('"endpoint":"/graphql"');
    expect(page.html).toContain("isHeadersEditorEnabled: true");
    expect(page.html).toContain("organizations(first: 5)");
    // The default query sits in a JSON literal, where "<" and ">" are escaped.
    expect(page.html).toContain("Bearer \\u003ctoken\\u003e");
    // The same URL also answers API clients, so caches must key on Accept.
    expect(page.vary).toMatch(/\baccept\b/i);
  });

  it("references only same-origin assets, each of which is served", () => {
    const refs = references(page.html);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    for (const ref of refs) {
      expect({ ref, sameOrigin: isSameOriginPath(ref) }).toEqual({ ref, sameOrigin: true });
      const asset = assets.get(ref)!;
      expect({ ref, type: asset.contentType }).toEqual({ ref, type: expect.stringMatching(/^200 text\/(javascript|css)\b/) });
      expect(asset.body.length).toBeGreaterThan(1000);
      expect(asset.cacheControl).toMatch(/immutable/);
      expect(asset.cacheControl).toMatch(/max-age=\d{6,}/);
    }
    const paths = refs.join("\n");
    expect(paths).toMatch(/react\.production\.min\.js/);
    expect(paths).toMatch(/react-dom\.production\.min\.js/);
    expect(paths).toMatch(/graphiql\.min\.js/);
    expect(paths).toMatch(/graphiql\.min\.css/);
  });

  it("loads nothing from outside the origin in the stylesheets", async () => {
    const stylesheets = [...assets].filter(([, a]) => a.contentType.includes("text/css"));
    expect(stylesheets.length).toBeGreaterThan(0);
    for (const [ref, css] of stylesheets) {
      for (const target of cssReferences(css.body)) {
        if (target.startsWith("data:")) continue;
        expect({ target, sameOrigin: isSameOriginPath(target) }).toEqual({ target, sameOrigin: true });
        const response = await fetch(new URL(target, new URL(ref, origin)));
        expect({ target, status: response.status }).toEqual({ target, status: 200 });
      }
    }
  });

  it("has a Content-Security-Policy whose only host source is 'self'", () => {
    const directives = new Map(
      page.csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...sources]) => [name!, sources]),
    );
    expect(directives.get("default-src")).toEqual(["'none'"]);
    for (const name of ["script-src", "style-src", "font-src", "img-src", "connect-src"]) {
      expect(directives.get(name)).toContain("'self'");
    }
    for (const [name, sources] of directives) {
      for (const source of sources) {
        // Quoted keywords/nonces, or data: for the fonts and icons embedded in the CSS.
        const allowed = /^'[a-z-]+'$/.test(source) || /^'nonce-[A-Za-z0-9+/=]+'$/.test(source) || source === "data:";
        expect({ name, source, allowed }).toEqual({ name, source, allowed: true });
      }
    }
    expect(directives.get("script-src")).not.toContain("'unsafe-inline'");
    expect(directives.get("script-src")).not.toContain("data:");
    // Without the matching nonce the browser would refuse the bootstrap script.
    const nonce = directives.get("script-src")!.find((s) => s.startsWith("'nonce-"))!.slice(7, -1);
    expect(page.html).toContain(`<script nonce="${nonce}">`);
  });

  it("uses a fresh nonce for every response", async () => {
    const again = await fetch(`${origin}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    await again.text();
    expect(again.headers.get("content-security-policy")).not.toBe(page.csp);
  });

  it("serves bundles that name no CDN", () => {
    // Checked against graphiql 3.9.0: its bundle mentions "jsdelivr, unpkg" only as
    // words in a React-15 error message, never as a host, and the CSS embeds its fonts
    // as data: URIs. A future bundle naming a CDN host should be looked at by a person.
    for (const [ref, asset] of assets) {
      for (const host of CDN_HOSTS) {
        expect({ ref, host, found: asset.body.includes(host) }).toEqual({ ref, host, found: false });
      }
    }
  });

  it.each([
    ["application/json", "application/json"],
    ["a GraphQL client", "application/graphql-response+json, application/json;q=0.9"],
    ["curl", "*/*"],
  ])("passes non-browser GETs through to the API (%s)", async (_client, accept) => {
    const response = await fetch(`${origin}/graphql?query=%7B__typename%7D`, { headers: { accept } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ api: true });
  });

  it("passes a GET without an Accept header through to the API", async () => {
    const status = await new Promise<string>((resolve, reject) => {
      http
        .get(`${origin}/graphql`, (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString()));
          response.on("end", () => resolve(body));
        })
        .on("error", reject);
    });
    expect(JSON.parse(status)).toEqual({ api: true });
  });

  it.each([
    "/graphiql/assets/../../package.json",
    "/graphiql/assets/../../../../../../etc/passwd",
    "/graphiql/assets/graphiql@3.9.0/../../../package.json",
    "/graphiql/assets/graphiql@3.9.0/..%2F..%2F..%2Fpackage.json",
    "/graphiql/assets/graphiql@3.9.0/%2e%2e%2f%2e%2e%2fpackage.json",
    "/graphiql/assets/graphiql@3.9.0/..%5C..%5Cpackage.json",
    // Real files next to the allowed ones are not served either.
    "/graphiql/assets/graphiql@3.9.0/package.json",
    "/graphiql/assets/react@18.3.1/react.development.js",
    "/graphiql/assets/",
  ])("refuses %s", async (path) => {
    expect(await rawGet(path)).toBe(404);
  });
});

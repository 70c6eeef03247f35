/**
 * `Content-Disposition: attachment` with both file names of RFC 6266 §4.3: `filename*`
 * (RFC 5987/8187: UTF-8, percent-encoded), which every current browser prefers, and a plain
 * ASCII `filename` for clients that do not read the extended form. Without `filename*` a
 * Chinese name arrives as mojibake or as "download".
 */
export function contentDisposition(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiName(asciiFallback)}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

/**
 * RFC 5987 `attr-char` is ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else is percent-encoded
 * as UTF-8. encodeURIComponent leaves "'()*" unencoded, which attr-char does not allow.
 */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** A quoted-string-safe ASCII name: anything outside [A-Za-z0-9._-] becomes "_". */
export function asciiName(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]/g, "_");
  return cleaned.length > 0 ? cleaned : "export";
}

/** Characters Windows, Excel and WPS refuse in file names, and control characters, become "_". */
export function safeFileName(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\\/:*?"<>|]/g, "_").slice(0, 150);
}

import type { FieldProblem } from "../errors";

/**
 * Usernames are stored lower case and compared byte for byte, so "Admin" and "admin" are one
 * account and no look-alike in another case can be created.
 */
export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const MIN_PASSWORD_LENGTH = 8;
/** Far above any real password; bounds the work one login request can cause. */
export const MAX_PASSWORD_LENGTH = 256;

export function usernameProblem(username: string, column = "username"): FieldProblem | null {
  return USERNAME.test(username)
    ? null
    : { column, reason: "2–64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit" };
}

export function passwordProblem(password: string, username: string, column = "password"): FieldProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return { column, reason: `at least ${MIN_PASSWORD_LENGTH} characters` };
  if (password.length > MAX_PASSWORD_LENGTH) return { column, reason: `at most ${MAX_PASSWORD_LENGTH} characters` };
  if (normalizeUsername(password) === username) return { column, reason: "must differ from the username" };
  return null;
}

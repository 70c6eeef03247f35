import { ForbiddenError, UnauthenticatedError } from "../errors";
import type { Actor } from "../auth/actor";
import { canWrite, roleAllows } from "../auth/authorization";
import type { RequestContext } from "../request-context";

/**
 * Who writes a score (for provenance) and where they may: the request's actor needs the
 * assessment.write action, and each organisation it writes for inside its scope (DOMAIN.md
 * §5). Command-line tools and benchmarks act as the system actor (system-context.ts).
 */
export interface ScoreWriter {
  name: string;
  mayWrite(organizationPath: string): boolean;
  assertMayWrite(organizationPath: string): void;
}

const SYSTEM_WRITER: ScoreWriter = { name: "system", mayWrite: () => true, assertMayWrite: () => undefined };

export async function scoreWriter(ctx: RequestContext): Promise<ScoreWriter> {
  const auth = (ctx as Partial<Pick<RequestContext, "auth">>).auth;
  if (!auth) return SYSTEM_WRITER;
  const actor: Actor | null = await auth.actor();
  if (!actor) throw new UnauthenticatedError();
  if (!roleAllows(actor.role, "assessment.write")) throw new ForbiddenError(`Your role ${actor.role} may not write scores.`);
  const mayWrite = (path: string) => canWrite(actor, "assessment.write", path);
  return {
    name: actor.username,
    mayWrite,
    assertMayWrite(path) {
      if (!mayWrite(path)) throw new ForbiddenError("This organisation is outside your scope.");
    },
  };
}

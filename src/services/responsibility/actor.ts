import { currentActor } from "../auth/request-auth";
import type { RequestContext } from "../request-context";

/** Who is acting, for the provenance of records and marks: the caller's username ("system" for start-up and tools). */
export async function actorName(ctx: RequestContext): Promise<string> {
  return (await currentActor(ctx))?.username ?? "system";
}

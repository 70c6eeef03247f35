import type { OrganizationEntity } from "../entities";
import type { RequestContext } from "./request-context";

/**
 * What changed in the tree, told to listeners inside the same transaction as the change,
 * so figures derived from the tree (roll-ups) can never disagree with it after a commit.
 */
export type TreeChange =
  /**
   * New organisations: exactly the subtrees of `roots` (one root for a create; for an
   * import, every imported organisation whose parent was not in the file). Those
   * subtrees hold nothing but new organisations.
   */
  | { type: "created"; roots: OrganizationEntity[] }
  /** A subtree moved: `organization` is the moved root as it is now. */
  | { type: "moved"; organization: OrganizationEntity; oldPath: string; oldParentId: number | null }
  /** `organization` and the ACTIVE part of its subtree became DISSOLVED. */
  | { type: "dissolved"; organization: OrganizationEntity; dissolvedIds: number[] };

export type TreeChangeListener = (tx: RequestContext, change: TreeChange) => Promise<void>;

const listeners: TreeChangeListener[] = [];

/** Registered once at module load by the services that keep derived figures. */
export function onTreeChange(listener: TreeChangeListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export async function notifyTreeChange(tx: RequestContext, change: TreeChange): Promise<void> {
  for (const listener of listeners) await listener(tx, change);
}

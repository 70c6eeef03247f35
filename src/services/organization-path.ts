/**
 * Materialized paths: "0000000001/0000000042/" is node 42 under root 1.
 *
 * Fixed-width segments make byte order equal tree pre-order (siblings by id), so a
 * subtree is one contiguous index range: [path, path with its final "/" raised to "0").
 * "/" is 0x2F and "0" is 0x30, so nothing else sorts between the two bounds.
 */
const SEGMENT_WIDTH = 10;
export const MAX_DEPTH = 20; // 20 × 11 characters fits the 255-character column

export function pathSegment(id: number): string {
  return String(id).padStart(SEGMENT_WIDTH, "0") + "/";
}

export function childPath(parentPath: string | null, id: number): string {
  return (parentPath ?? "") + pathSegment(id);
}

/** Ids from the root down to the node itself. */
export function idsOnPath(path: string): number[] {
  return path
    .split("/")
    .filter((segment) => segment.length > 0)
    .map((segment) => Number(segment));
}

/** Ids of the ancestors, root first, without the node itself. */
export function ancestorIds(path: string): number[] {
  return idsOnPath(path).slice(0, -1);
}

export function depthOfPath(path: string): number {
  return path.length / (SEGMENT_WIDTH + 1) - 1;
}

/** Bounds such that `lower <= p < upper` holds exactly for the paths of the subtree (itself included). */
export function subtreeRange(path: string): { lower: string; upper: string } {
  return { lower: path, upper: path.slice(0, -1) + "0" };
}

export function isInSubtree(candidatePath: string, rootPath: string): boolean {
  return candidatePath.startsWith(rootPath);
}

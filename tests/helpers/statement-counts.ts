import { TEST_DIALECT } from "./test-db";

interface Counted {
  statements: number;
}

/**
 * Asserts that one query shape costs the same SQL statements whatever the number of nodes.
 *
 * On SQLite the driver is synchronous, so the loaders' batches, and the count, are exact
 * and must be equal. On MariaDB the pool runs independent batches concurrently; whether two
 * of them complete in the same tick decides whether a later batch is one statement or two,
 * so under load the count wobbles by a few (seen: 17 instead of 20). It never grows with the
 * nodes, though: a field resolved per node adds at least one statement per added node, which
 * is what `addedNodes` catches.
 */
export function expectStatementsIndependentOfSize(small: Counted, large: Counted, addedNodes: number, atMost: number): void {
  expect(Number.isFinite(small.statements)).toBe(true);
  expect(Number.isFinite(large.statements)).toBe(true);
  if (TEST_DIALECT === "sqlite") expect(large.statements).toBe(small.statements);
  expect(large.statements - small.statements).toBeLessThan(addedNodes);
  expect(small.statements).toBeLessThanOrEqual(atMost);
  expect(large.statements).toBeLessThanOrEqual(atMost);
}

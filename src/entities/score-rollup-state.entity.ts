import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * Marks a period whose score_rollup rows have been built. A period gets its rows on its
 * first score write (or import), by one set-based build over the whole forest; until then
 * it has no scores, and reads answer from the live tree. From then on every tree change
 * keeps the rows of the OPEN ones current.
 */
@Entity({ name: "score_rollup_state" })
export class ScoreRollupStateEntity {
  @PrimaryColumn({ name: "period_id", type: "int" })
  periodId: number;

  /** When the rows were (re)built from scratch, as an ISO timestamp. */
  @Column({ name: "built_at", type: "varchar", length: 32 })
  builtAt: string;
}

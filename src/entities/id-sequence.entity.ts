import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * A named counter handing out blocks of ids (a "pooled" sequence). MySQL-compatible
 * distributed engines have no portable SEQUENCE, and AUTO_INCREMENT would force
 * one INSERT before each path can be written; a counter row works everywhere.
 */
@Entity({ name: "id_sequence" })
export class IdSequenceEntity {
  @PrimaryColumn({ type: "varchar", length: 64 })
  name: string;

  /** The next id this sequence will hand out. */
  @Column({ name: "next_value", type: "int" })
  nextValue: number;
}

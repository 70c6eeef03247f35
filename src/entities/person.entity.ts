import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * A person who holds or held a post. Deliberately thin: a name and nothing sensitive (no
 * ID-card number, birth date or phone), so the table can be shown to anyone who may see
 * the posts. People are never deleted: appointments and records keep naming them.
 */
@Entity({ name: "person" })
export class PersonEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Index("idx_person_name")
  @Column({ type: "varchar", length: 100 })
  name: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}

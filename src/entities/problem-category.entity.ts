import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * 问题类别: the configurable list problems are filed under. The migration seeds the ten
 * default categories; administrators add, rename and retire categories (a retired one keeps
 * its problems and is no longer offered for new ones). Never deleted.
 */
@Entity({ name: "problem_category" })
export class ProblemCategoryEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  /** Stable, upper-case code clients may keep (e.g. RESPONSIBILITY). */
  @Index("uq_problem_category_code", { unique: true })
  @Column({ type: "varchar", length: 64 })
  code: string;

  @Column({ type: "varchar", length: 100 })
  name: string;

  /** Display order, ascending. */
  @Column({ type: "int" })
  position: number;

  @Column({ type: "boolean", default: true })
  active: boolean;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}

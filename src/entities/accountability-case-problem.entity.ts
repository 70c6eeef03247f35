import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { AccountabilityCaseEntity } from "./accountability-case.entity";
import { ProblemEntity } from "./problem.entity";

/** The problems a DIRECT accountability case rests on (its linked reviews share them). */
@Entity({ name: "accountability_case_problem" })
@Index("idx_accountability_case_problem_problem", ["problemId"])
export class AccountabilityCaseProblemEntity {
  @PrimaryColumn({ name: "case_id", type: "int" })
  caseId: number;

  @ManyToOne(() => AccountabilityCaseEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "case_id", foreignKeyConstraintName: "fk_accountability_case_problem_case" })
  accountabilityCase?: AccountabilityCaseEntity;

  @PrimaryColumn({ name: "problem_id", type: "int" })
  problemId: number;

  @ManyToOne(() => ProblemEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "problem_id", foreignKeyConstraintName: "fk_accountability_case_problem_problem" })
  problem?: ProblemEntity;
}

import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { OrganizationEntity } from "./organization.entity";
import { PersonEntity } from "./person.entity";
import { PostKind } from "./responsibility-enums";

/**
 * A person holding a post in an organisation from `startDate` to `endDate` (both
 * inclusive; open-ended while `endDate` is null). Current on day d when
 * startDate <= d and (endDate is null or endDate >= d). Ending a post sets endDate; the
 * row stays, so a person's posts over time and old post assessments remain readable.
 */
@Entity({ name: "appointment" })
@Index("idx_appointment_org_post", ["organizationId", "postKind", "startDate"])
@Index("idx_appointment_person", ["personId", "startDate"])
export class AppointmentEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "person_id", type: "int" })
  personId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => PersonEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "person_id", foreignKeyConstraintName: "fk_appointment_person" })
  person?: PersonEntity;

  @Column({ name: "organization_id", type: "int" })
  organizationId: number;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "organization_id", foreignKeyConstraintName: "fk_appointment_organization" })
  organization?: OrganizationEntity;

  @Column({ name: "post_kind", type: "simple-enum", enum: PostKind })
  postKind: PostKind;

  /** YYYY-MM-DD, inclusive. */
  @Column({ name: "start_date", type: "date" })
  startDate: string;

  /** YYYY-MM-DD, inclusive; null while the post is held. */
  @Column({ name: "end_date", type: "date", nullable: true })
  endDate: string | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}

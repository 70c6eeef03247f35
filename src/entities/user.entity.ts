import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { OrganizationEntity } from "./organization.entity";

/**
 * What a user may do (DOMAIN.md §5); the actions of each role are listed once, in
 * services/auth/authorization.ts. Kept beside the entity that stores it because no other
 * entity uses it; GraphQL descriptions live in schema/role.enum.ts.
 */
export enum Role {
  ADMIN = "ADMIN",
  ORG_ADMIN = "ORG_ADMIN",
  ASSESSOR = "ASSESSOR",
  INSPECTOR = "INSPECTOR",
  VIEWER = "VIEWER",
}

/**
 * A person who logs in. Users are disabled, never deleted, so audit entries keep naming
 * someone who existed. The table is `user_account` because `user` is reserved in several
 * SQL dialects.
 */
@Entity({ name: "user_account" })
export class UserEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  /** Lower case, compared byte for byte (binary collation on MySQL), so look-alike names in other cases cannot exist. */
  @Index("uq_user_account_username", { unique: true })
  @Column({ type: "varchar", length: 64 })
  username: string;

  /** `scrypt$N$r$p$salt$hash` (password.ts); never leaves the account services, never audited. */
  @Column({ name: "password_hash", type: "varchar", length: 255 })
  passwordHash: string;

  @Column({ type: "simple-enum", enum: Role })
  role: Role;

  /** The organisation whose subtree the user works in; null only for an administrator of the whole forest. */
  @Index("idx_user_account_scope")
  @Column({ name: "scope_organization_id", type: "int", nullable: true })
  scopeOrganizationId: number | null;

  /** Declared for the foreign key only; the scope is read through loaders. */
  @ManyToOne(() => OrganizationEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "scope_organization_id", foreignKeyConstraintName: "fk_user_account_scope" })
  scopeOrganization?: OrganizationEntity | null;

  @Column({ type: "boolean", default: true })
  active: boolean;

  /**
   * Raised on every password change and on disabling: a token carries the version it was
   * issued under and is refused once they differ. A counter, not a timestamp, because
   * SQLite keeps whole seconds and a token from the same second would survive.
   */
  @Column({ name: "token_version", type: "int", default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}

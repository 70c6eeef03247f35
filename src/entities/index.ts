import { AssessmentPeriodEntity } from "./assessment-period.entity";
import { AuditEntryEntity } from "./audit-entry.entity";
import { assessmentEntities } from "./assessment.entities";
import { oversightEntities } from "./oversight.entities";
import { responsibilityEntities } from "./responsibility.entities";
import { IdSequenceEntity } from "./id-sequence.entity";
import { OrganizationEntity } from "./organization.entity";
import { Role, UserEntity } from "./user.entity";

/** Every entity the DataSource loads; a new entity is added here and in a migration for each dialect. */
export const entities: Function[] = [
  IdSequenceEntity,
  OrganizationEntity,
  AssessmentPeriodEntity,
  ...responsibilityEntities,
  ...assessmentEntities,
  ...oversightEntities,
  UserEntity,
  AuditEntryEntity,
];

export { AssessmentPeriodEntity, AuditEntryEntity, IdSequenceEntity, OrganizationEntity, Role, UserEntity };
export * from "./period-enums";
export * from "./enums";

import { AppointmentEntity } from "./appointment.entity";
import { CatalogAssignmentEntity } from "./catalog-assignment.entity";
import { CatalogItemEntity } from "./catalog-item.entity";
import { CatalogEntity } from "./catalog.entity";
import { CompletionMarkEntity } from "./completion-mark.entity";
import { FulfillmentRecordEntity } from "./fulfillment-record.entity";
import { PersonEntity } from "./person.entity";
import { ResponsibilityEntity } from "./responsibility.entity";

/** The entities of this feature; index.ts adds them to the DataSource. */
export const responsibilityEntities: Function[] = [
  PersonEntity,
  AppointmentEntity,
  CatalogEntity,
  CatalogItemEntity,
  CatalogAssignmentEntity,
  ResponsibilityEntity,
  FulfillmentRecordEntity,
  CompletionMarkEntity,
];

export {
  AppointmentEntity,
  CatalogAssignmentEntity,
  CatalogEntity,
  CatalogItemEntity,
  CompletionMarkEntity,
  FulfillmentRecordEntity,
  PersonEntity,
  ResponsibilityEntity,
};
export * from "./responsibility-enums";
export type { AttachmentLink } from "./fulfillment-record.entity";

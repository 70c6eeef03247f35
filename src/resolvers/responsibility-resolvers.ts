import "./responsibility-node";
import { AppointmentResolver } from "./appointment.resolver";
import { CatalogItemResolver, CatalogResolver } from "./catalog.resolver";
import { OrganizationResponsibilityResolver } from "./organization-responsibility.resolver";
import { PersonResolver } from "./person.resolver";
import {
  BehindScheduleConnectionResolver,
  BehindScheduleResolver,
  DerivationBreakdownResolver,
  DerivationGapConnectionResolver,
  FulfillmentRecordConnectionResolver,
  FulfillmentRecordResolver,
  ResponsibilityStatusResolver,
} from "./responsibility-status.resolver";
import { ResponsibilityResolver } from "./responsibility.resolver";
import "../schema/responsibility-enums";

/** The resolvers of this feature; build-schema.ts adds them to the schema. */
export const responsibilityResolvers: Function[] = [
  PersonResolver,
  AppointmentResolver,
  OrganizationResponsibilityResolver,
  CatalogResolver,
  CatalogItemResolver,
  ResponsibilityResolver,
  ResponsibilityStatusResolver,
  FulfillmentRecordResolver,
  DerivationBreakdownResolver,
  BehindScheduleResolver,
  FulfillmentRecordConnectionResolver,
  DerivationGapConnectionResolver,
  BehindScheduleConnectionResolver,
];

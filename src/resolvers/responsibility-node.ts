import {
  AppointmentEntity,
  CatalogEntity,
  CatalogItemEntity,
  FulfillmentRecordEntity,
  PersonEntity,
  ResponsibilityEntity,
} from "../entities/responsibility.entities";
import type { RequestContext } from "../services/request-context";
import { registerNodeSource } from "../schema/node-registry";
import { AppointmentService } from "../services/responsibility/appointment.service";
import { CatalogService } from "../services/responsibility/catalog.service";
import { FulfillmentService } from "../services/responsibility/fulfillment.service";
import { PersonService } from "../services/responsibility/person.service";
import { ResponsibilityQueryService } from "../services/responsibility/responsibility-query.service";

/**
 * This feature's types for node(id) and Node.resolveType (schema/node-registry.ts). Each
 * loads through its service, which applies the caller's scope: an object the caller may not
 * see is null, like an unknown id (services/responsibility/access.ts).
 */
const TYPES: [string, Function][] = [
  ["Person", PersonEntity],
  ["Appointment", AppointmentEntity],
  ["Catalog", CatalogEntity],
  ["CatalogItem", CatalogItemEntity],
  ["Responsibility", ResponsibilityEntity],
  ["FulfillmentRecord", FulfillmentRecordEntity],
];

for (const [typeName, entity] of TYPES) {
  registerNodeSource({ typeName, entity, load: (ctx, id) => responsibilityNode(ctx, typeName, id) });
}

const people = new PersonService();
const appointments = new AppointmentService();
const catalogs = new CatalogService();
const responsibilities = new ResponsibilityQueryService();
const records = new FulfillmentService();

export async function responsibilityNode(ctx: RequestContext, type: string, id: number): Promise<object | null> {
  switch (type) {
    case "Person":
      return people.byId(ctx, id);
    case "Appointment":
      return appointments.byId(ctx, id);
    case "Catalog":
      return catalogs.byId(ctx, id);
    case "CatalogItem":
      return catalogs.itemById(ctx, id);
    case "Responsibility":
      return responsibilities.byId(ctx, id);
    case "FulfillmentRecord":
      return records.byId(ctx, id);
    default:
      return null;
  }
}

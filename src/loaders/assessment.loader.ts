import type { EntityManager } from "typeorm";
import { AssessmentEntity } from "../entities/assessment.entities";
import { periodOrganizationRowsLoader } from "./period-organization-rows";

/**
 * Own scores by (period, organisation), null when not assessed. Without `provenance`, the
 * largest column by far, which a browse of hundreds of scores never shows:
 * Assessment.provenance loads it when asked (assessmentProvenanceLoader).
 */
export function assessmentLoader(em: () => EntityManager) {
  return periodOrganizationRowsLoader(em, AssessmentEntity, "assessment", columnsWithoutProvenance, (row) => row);
}

/** The provenance of own scores by (period, organisation), for the rows the loader above read without it. */
export function assessmentProvenanceLoader(em: () => EntityManager) {
  return periodOrganizationRowsLoader(em, AssessmentEntity, "assessment", () => "period_id, organization_id, provenance", (row) => row.provenance);
}

function columnsWithoutProvenance(manager: EntityManager): string {
  return manager.connection
    .getMetadata(AssessmentEntity)
    .columns.filter((column) => column.propertyName !== "provenance")
    .map((column) => manager.connection.driver.escape(column.databaseName))
    .join(", ");
}

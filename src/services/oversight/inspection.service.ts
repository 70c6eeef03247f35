import { OrgStatus } from "../../entities";
import { InspectionEntity } from "../../entities/oversight.entities";
import type { InspectionMethod } from "../../entities/oversight-enums";
import { ConflictError } from "../errors";
import type { RequestContext } from "../request-context";
import { requireDate } from "../responsibility/dates";
import { inTransaction } from "../transaction";
import { oversightToday } from "./clock";
import { assertMayWrite, oversightWriter, requireNamed, requireReadable } from "./oversight-access";
import { recordAudit } from "./oversight-audit";
import { invalid, MAX_TEXT, notInFuture, requireText } from "./oversight-input";
import { clearOversightLoaders } from "./oversight-loaders";
import { mayOversee, overseeProblem } from "./oversight-rules";

export interface RecordInspectionInput {
  inspectingOrganizationId: number;
  inspectedOrganizationId: number;
  date: string;
  method: InspectionMethod;
  findings: string;
}

/** 督查: an inspection by a superior (or a discipline committee) of an organisation in the actor's scope. */
export class InspectionService {
  async record(ctx: RequestContext, input: RecordInspectionInput): Promise<InspectionEntity> {
    const actor = await oversightWriter(ctx);
    const date = notInFuture(requireDate(input.date, "date"), "date", oversightToday());
    const findings = requireText(input.findings, "findings", MAX_TEXT);
    const saved = await inTransaction(ctx, async (tx) => {
      const inspected = requireReadable(actor, await tx.loaders.organizationById.load(input.inspectedOrganizationId), `organisation ${input.inspectedOrganizationId}`);
      assertMayWrite(actor, inspected);
      if (inspected.status !== OrgStatus.ACTIVE) throw new ConflictError(`${inspected.code} is dissolved`);
      const inspecting = requireNamed(actor, await tx.loaders.organizationById.load(input.inspectingOrganizationId), `organisation ${input.inspectingOrganizationId}`);
      if (!mayOversee(inspecting, inspected)) throw invalid("inspectingOrganizationId", overseeProblem(inspecting, inspected));
      const inspection = await tx.em.save(
        tx.em.create(InspectionEntity, {
          inspectingOrganizationId: inspecting.id,
          inspectedOrganizationId: inspected.id,
          date,
          method: input.method,
          findings,
          recordedBy: actor.username,
        }),
      );
      await recordAudit(tx, {
        action: "inspection.record",
        targetType: "Inspection",
        targetId: inspection.id,
        orgPath: inspected.path,
        before: null,
        after: { inspectingOrganizationId: inspecting.id, inspectedOrganizationId: inspected.id, date, method: input.method },
      });
      return inspection;
    });
    clearOversightLoaders(ctx);
    return saved;
  }
}

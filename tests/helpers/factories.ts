import { OrgKind, type AdminLevel, type OrganizationEntity } from "../../src/entities";
import { OrganizationTreeService } from "../../src/services/organization-tree.service";
import type { RequestContext } from "../../src/services/request-context";

const tree = new OrganizationTreeService();
let sequence = 0;

/** A unique code per call, so tests in one database never collide. */
export function uniqueCode(prefix = "T"): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}`;
}

export interface OrgSpec {
  kind: OrgKind;
  parent?: OrganizationEntity | null;
  code?: string;
  name?: string;
  level?: AdminLevel;
  regionCode?: string;
  memberCount?: number;
}

export function buildOrganization(ctx: RequestContext, spec: OrgSpec): Promise<OrganizationEntity> {
  const code = spec.code ?? uniqueCode(spec.kind.slice(0, 2));
  return tree.create(ctx, {
    code,
    name: spec.name ?? `组织 ${code}`,
    kind: spec.kind,
    level: spec.level ?? (spec.parent ? undefined : ("PROVINCE" as AdminLevel)),
    regionCode: spec.regionCode ?? "520000",
    memberCount: spec.memberCount ?? 10,
    parentId: spec.parent?.id ?? null,
  });
}

/**
 * A department's chain: province committee → working committee → party group → organ
 * committee → branches. Returns every node by role.
 */
export async function buildDepartment(ctx: RequestContext, branches = 2) {
  const province = await buildOrganization(ctx, { kind: OrgKind.LOCAL_COMMITTEE });
  const workingCommittee = await buildOrganization(ctx, { kind: OrgKind.WORKING_COMMITTEE, parent: province });
  const partyGroup = await buildOrganization(ctx, { kind: OrgKind.PARTY_GROUP, parent: workingCommittee });
  const organCommittee = await buildOrganization(ctx, { kind: OrgKind.ORGAN_COMMITTEE, parent: partyGroup });
  const branchNodes: OrganizationEntity[] = [];
  for (let i = 0; i < branches; i++) {
    branchNodes.push(await buildOrganization(ctx, { kind: OrgKind.BRANCH, parent: organCommittee }));
  }
  return { province, workingCommittee, partyGroup, organCommittee, branches: branchNodes };
}

/**
 * A province with `fanOut` cities, each with `fanOut` counties (1 + n + n² local committees),
 * imported in one go through the CSV import.
 */
export function wideTreeCsv(prefix: string, fanOut: number): string {
  const lines = ["code,parent_code,name,kind,level,region_code,member_count"];
  lines.push(`${prefix},,省委 ${prefix},LOCAL_COMMITTEE,PROVINCE,510000,100`);
  for (let c = 0; c < fanOut; c++) {
    const city = `${prefix}-C${String(c).padStart(3, "0")}`;
    lines.push(`${city},${prefix},市委 ${city},LOCAL_COMMITTEE,CITY,510100,50`);
    for (let k = 0; k < fanOut; k++) {
      const county = `${city}-K${String(k).padStart(3, "0")}`;
      lines.push(`${county},${city},县委 ${county},LOCAL_COMMITTEE,COUNTY,510101,20`);
    }
  }
  return lines.join("\n") + "\n";
}

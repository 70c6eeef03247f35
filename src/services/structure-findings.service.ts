import { OrganizationEntity, OrgKind, OrgStatus } from "../entities";
import { requireFullRead } from "./auth/organization-access";
import { subtreeRange } from "./organization-path";
import type { RequestContext } from "./request-context";

/**
 * Structure rules of the 机关基层组织工作条例 and 支部工作条例 (DOMAIN.md §2), reported as
 * findings rather than refused, because real trees break them for a while (a branch
 * shrinks below three members before it is merged).
 */
export enum StructureRule {
  BRANCH_TOO_SMALL = "BRANCH_TOO_SMALL",
  BRANCH_TOO_LARGE = "BRANCH_TOO_LARGE",
  GENERAL_BRANCH_SIZE = "GENERAL_BRANCH_SIZE",
  ORGAN_COMMITTEE_TOO_SMALL = "ORGAN_COMMITTEE_TOO_SMALL",
  ORGAN_COMMITTEE_WITHOUT_DISCIPLINE_COMMITTEE = "ORGAN_COMMITTEE_WITHOUT_DISCIPLINE_COMMITTEE",
}

export interface StructureFinding {
  organization: OrganizationEntity;
  rule: StructureRule;
  message: string;
}

/** Member-count rules as SQL conditions, so each is one range scan of the subtree. */
const MEMBER_COUNT_RULES: { rule: StructureRule; kind: OrgKind; condition: string; message: (n: number) => string }[] = [
  { rule: StructureRule.BRANCH_TOO_SMALL, kind: OrgKind.BRANCH, condition: "o.member_count < 3", message: (n) => `党支部党员不足3人 a branch needs at least 3 full members; it has ${n}` },
  { rule: StructureRule.BRANCH_TOO_LARGE, kind: OrgKind.BRANCH, condition: "o.member_count > 50", message: (n) => `党支部党员超过50人 a branch should have at most 50 members; it has ${n}, consider a general branch` },
  { rule: StructureRule.GENERAL_BRANCH_SIZE, kind: OrgKind.GENERAL_BRANCH, condition: "(o.member_count < 50 OR o.member_count > 99)", message: (n) => `党总支宜为50至99人 a general branch suits 50–99 members; it has ${n}` },
  { rule: StructureRule.ORGAN_COMMITTEE_TOO_SMALL, kind: OrgKind.ORGAN_COMMITTEE, condition: "o.member_count < 100", message: (n) => `机关党委宜为100人以上 an organ committee suits 100 or more members; it has ${n}` },
];

export const MAX_FINDINGS = 1000;

export class StructureFindingsService {
  /** Findings in the subtree of `root`, ordered by organisation code then rule; at most `limit`. */
  async findings(ctx: RequestContext, root: OrganizationEntity, limit = MAX_FINDINGS): Promise<StructureFinding[]> {
    await requireFullRead(ctx, root);
    const { lower, upper } = subtreeRange(root.path);
    const found: StructureFinding[] = [];
    for (const { rule, kind, condition, message } of MEMBER_COUNT_RULES) {
      const rows = await ctx.em
        .createQueryBuilder(OrganizationEntity, "o")
        .where("o.path >= :lower AND o.path < :upper", { lower, upper })
        .andWhere("o.status = :active AND o.kind = :kind", { active: OrgStatus.ACTIVE, kind })
        .andWhere(condition)
        .orderBy("o.code", "ASC")
        .limit(limit)
        .getMany();
      found.push(...rows.map((organization) => ({ organization, rule, message: message(organization.memberCount) })));
    }
    found.push(...(await this.organCommitteesWithoutDisciplineCommittee(ctx, lower, upper, limit)));
    found.sort((a, b) => compareBytes(a.organization.code, b.organization.code) || compareBytes(a.rule, b.rule));
    return found.slice(0, limit);
  }

  /** "Beside it": a discipline committee under the organ committee or under the same party group. */
  private async organCommitteesWithoutDisciplineCommittee(ctx: RequestContext, lower: string, upper: string, limit: number) {
    const rows = await ctx.em
      .createQueryBuilder(OrganizationEntity, "o")
      .where("o.path >= :lower AND o.path < :upper", { lower, upper })
      .andWhere("o.status = :active AND o.kind = :organ", { active: OrgStatus.ACTIVE, organ: OrgKind.ORGAN_COMMITTEE })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM organization d WHERE d.kind = :discipline AND d.status = :active
           AND (d.parent_id = o.id OR (d.parent_id = o.parent_id AND o.parent_id IS NOT NULL)))`,
        { discipline: OrgKind.DISCIPLINE_COMMITTEE },
      )
      .orderBy("o.code", "ASC")
      .limit(limit)
      .getMany();
    return rows.map((organization) => ({
      organization,
      rule: StructureRule.ORGAN_COMMITTEE_WITHOUT_DISCIPLINE_COMMITTEE,
      message: "机关党委未设机关纪委 the organ committee has no discipline committee beside it",
    }));
  }
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

import { OrgKind } from "../../entities/enums";
import { PostKind } from "../../entities/responsibility-enums";

/**
 * The one table of which posts exist in which kinds of organisation (a branch secretary of
 * a party group is refused). Checked on appointment; also decides which catalog post items
 * an organisation's post holders receive.
 */
export const POST_ORG_KINDS: Readonly<Record<PostKind, readonly OrgKind[]>> = {
  [PostKind.LOCAL_SECRETARY]: [OrgKind.LOCAL_COMMITTEE],
  [PostKind.WORKING_COMMITTEE_SECRETARY]: [OrgKind.WORKING_COMMITTEE],
  [PostKind.PARTY_GROUP_SECRETARY]: [OrgKind.PARTY_GROUP],
  [PostKind.PARTY_GROUP_MEMBER]: [OrgKind.PARTY_GROUP],
  [PostKind.ORGAN_COMMITTEE_SECRETARY]: [OrgKind.ORGAN_COMMITTEE],
  [PostKind.DISCIPLINE_SECRETARY]: [OrgKind.DISCIPLINE_COMMITTEE],
  [PostKind.BRANCH_SECRETARY]: [OrgKind.BRANCH, OrgKind.GENERAL_BRANCH],
};

/**
 * Posts with one holder at a time per organisation: every secretary. Their appointments in
 * one organisation may not overlap in time; several PARTY_GROUP_MEMBERs may serve at once.
 */
export const SINGLE_HOLDER_POSTS: ReadonlySet<PostKind> = new Set(
  Object.values(PostKind).filter((kind) => kind !== PostKind.PARTY_GROUP_MEMBER),
);

/** Why `post` cannot be held in an organisation of `kind`, or null when it can. */
export function postKindProblem(post: PostKind, kind: OrgKind): string | null {
  const allowed = POST_ORG_KINDS[post];
  if (allowed.includes(kind)) return null;
  return `a ${post} is a post of ${allowed.join(" or ")}, not of a ${kind}`;
}

/** The posts an organisation of `kind` has. */
export function postsOf(kind: OrgKind): PostKind[] {
  return Object.values(PostKind).filter((post) => POST_ORG_KINDS[post].includes(kind));
}

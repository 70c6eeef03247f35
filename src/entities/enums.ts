/** Stored values; GraphQL descriptions live in src/schema/enums.ts. */

export enum AdminLevel {
  NATIONAL = "NATIONAL",
  PROVINCE = "PROVINCE",
  CITY = "CITY",
  COUNTY = "COUNTY",
}

/** Enum order matters: level profiles list kinds in this order (DOMAIN.md §6). */
export enum OrgKind {
  LOCAL_COMMITTEE = "LOCAL_COMMITTEE",
  WORKING_COMMITTEE = "WORKING_COMMITTEE",
  PARTY_GROUP = "PARTY_GROUP",
  ORGAN_COMMITTEE = "ORGAN_COMMITTEE",
  DISCIPLINE_COMMITTEE = "DISCIPLINE_COMMITTEE",
  GENERAL_BRANCH = "GENERAL_BRANCH",
  BRANCH = "BRANCH",
}

export enum OrgStatus {
  ACTIVE = "ACTIVE",
  DISSOLVED = "DISSOLVED",
}

import { ArgsType, Field, Int } from "type-graphql";

/** Forward paging of the contract: `first` 1–100 (default 20), checked in pagination.ts. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: "每页条数 Page size, 1–100, default 20" })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "游标 Cursor of the last item of the previous page" })
  after?: string | null;
}

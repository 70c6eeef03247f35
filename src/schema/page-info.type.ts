import { Field, ObjectType } from "type-graphql";

@ObjectType("PageInfo", { description: "分页信息 Relay page information" })
export class PageInfo {
  @Field({ description: "后面还有 Another page follows" })
  hasNextPage: boolean;

  @Field({ description: "前面还有 True when the page was asked for with `after` (forward paging only)" })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

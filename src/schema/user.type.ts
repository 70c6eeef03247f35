import { Field, ID, Int, ObjectType } from "type-graphql";
import { Organization } from "./organization.type";
import { PageInfo } from "./page-info.type";
import { Role } from "./role.enum";

@ObjectType("User", { description: "用户 A person who logs in; disabled, never deleted" })
export class User {
  @Field(() => ID, { description: "全局ID Global, opaque id" })
  id: string;

  @Field({ description: "用户名 Username, lower case" })
  username: string;

  @Field(() => Role, { description: "角色 Role" })
  role: Role;

  @Field(() => Organization, { nullable: true, description: "管辖范围 Root of the subtree the user works in; null = the whole forest" })
  scope: Organization | null;

  @Field({ description: "启用 False once disabled: the user can no longer log in" })
  active: boolean;

  @Field(() => Date, { description: "创建时间 When the account was created" })
  createdAt: Date;
}

@ObjectType("UserEdge", { description: "用户分页条目 A user and its cursor" })
export class UserEdge {
  @Field({ description: "游标 Cursor" })
  cursor: string;

  @Field(() => User, { description: "用户 The user" })
  node: User;
}

@ObjectType("UserConnection", { description: "用户分页列表 A page of users, by username" })
export class UserConnection {
  @Field(() => [UserEdge], { description: "条目 Edges" })
  edges: UserEdge[];

  @Field(() => [User], { description: "用户 The users of the page" })
  nodes: User[];

  @Field(() => PageInfo, { description: "分页信息 Page information" })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "总数 Size of the whole list, not of the page" })
  totalCount: number;
}

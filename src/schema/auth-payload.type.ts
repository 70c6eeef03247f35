import { Field, ObjectType } from "type-graphql";
import { User } from "./user.type";

@ObjectType("AuthPayload", { description: "登录结果 A signed token and the user it belongs to" })
export class AuthPayload {
  @Field({ description: "令牌 Send it as Authorization: Bearer <token>" })
  token: string;

  @Field(() => Date, { description: "过期时间 When the token stops working" })
  expiresAt: Date;

  @Field(() => User, { description: "用户 The logged-in user" })
  user: User;
}

import { ArgsType, Field, ID, InputType } from "type-graphql";
import { Role } from "./role.enum";

@InputType("CreateUserInput", { description: "新建用户 A new user account" })
export class CreateUserInput {
  @Field({ description: "用户名 2–64 characters: letters, digits, '.', '_' or '-'; stored lower case" })
  username: string;

  @Field({ description: "初始密码 Initial password, at least 8 characters; hand it over out of band" })
  password: string;

  @Field(() => Role, { description: "角色 Role" })
  role: Role;

  @Field(() => ID, { nullable: true, description: "管辖范围 Scope organisation; may be omitted for an ADMIN of the whole forest only" })
  scopeId?: string | null;
}

/** Arguments as classes so the schema lists them in the contract's order (parameter decorators run last to first). */
@ArgsType()
export class LoginArgs {
  @Field({ description: "用户名 Username (case-insensitive)" })
  username: string;

  @Field({ description: "密码 Password" })
  password: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field({ description: "当前密码 Current password" })
  currentPassword: string;

  @Field({ description: "新密码 New password, at least 8 characters" })
  newPassword: string;
}

@ArgsType()
export class RescopeUserArgs {
  @Field(() => ID, { description: "用户ID User id" })
  id: string;

  @Field(() => ID, { nullable: true, description: "新管辖范围 New scope organisation; null = the whole forest (ADMIN only)" })
  scopeId?: string | null;
}

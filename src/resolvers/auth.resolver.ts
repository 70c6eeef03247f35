import { Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { UserEntity } from "../entities";
import { AccountService, type LoginResult } from "../services/auth/account.service";
import type { RequestContext } from "../services/request-context";
import { ChangePasswordArgs, LoginArgs } from "../schema/auth.inputs";
import { AuthPayload } from "../schema/auth-payload.type";
import { User } from "../schema/user.type";

@Resolver()
export class AuthResolver {
  constructor(private readonly accounts = new AccountService()) {}

  @Mutation(() => AuthPayload, { description: "登录 Log in; send the token as Authorization: Bearer <token>" })
  login(@Ctx() ctx: RequestContext, @Args() { username, password }: LoginArgs): Promise<LoginResult> {
    return this.accounts.login(ctx, username, password);
  }

  @Query(() => User, { nullable: true, description: "当前用户 The logged-in user; null without a token" })
  me(@Ctx() ctx: RequestContext): Promise<UserEntity | null> {
    return this.accounts.me(ctx);
  }

  @Mutation(() => AuthPayload, {
    description: "修改密码 Change your password; tokens issued before stop working, a fresh one is returned",
  })
  changePassword(@Ctx() ctx: RequestContext, @Args() { currentPassword, newPassword }: ChangePasswordArgs): Promise<LoginResult> {
    return this.accounts.changePassword(ctx, currentPassword, newPassword);
  }
}

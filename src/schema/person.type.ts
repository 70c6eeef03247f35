import { DateScalar } from "./scalars";
import { Field, ObjectType } from "type-graphql";
import { Node } from "./node.interface";
import { PostKind } from "./responsibility-enums";

@ObjectType("Person", { implements: Node, description: "人员 A person who holds or held posts (a name only; nothing sensitive is stored)" })
export class Person extends Node {
  @Field({ description: "姓名 Name" })
  name: string;
}

@ObjectType("Appointment", { implements: Node, description: "任职 A person holding a post in an organisation over a span of dates" })
export class Appointment extends Node {
  @Field(() => PostKind, { description: "岗位 The post" })
  postKind: PostKind;

  @Field(() => DateScalar, { description: "任职开始 First day in the post" })
  startDate: string;

  @Field(() => DateScalar, { nullable: true, description: "任职结束 Last day in the post; null while it is held" })
  endDate: string | null;
}

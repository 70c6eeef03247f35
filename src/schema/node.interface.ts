import { Field, ID, InterfaceType } from "type-graphql";
import { nodeTypeOf } from "./node-registry";

/** Relay global object identification. */
@InterfaceType("Node", {
  description: "可按全局ID获取的对象 An object with a global id that node(id) resolves",
  resolveType: (value: unknown) => nodeTypeOf(value),
})
export abstract class Node {
  @Field(() => ID, { description: "全局ID Global, opaque id" })
  id: string;
}

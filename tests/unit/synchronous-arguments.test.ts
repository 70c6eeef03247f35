import "reflect-metadata";
import { GraphQLObjectType, graphql, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";
import { Arg, Field, FieldResolver, InputType, ObjectType, Query, Resolver, Root, buildSchema } from "type-graphql";
import { resolveScalarArgumentsSynchronously } from "../../src/schema/synchronous-arguments";

/**
 * Field resolvers with only scalar or enum arguments are called directly (no promise from
 * type-graphql's argument pipeline); others keep type-graphql's resolver. Both must answer
 * the same.
 */
@ObjectType()
class Sample {
  @Field()
  name!: string;
}

@InputType()
class Shape {
  @Field()
  prefix!: string;
}

@Resolver(() => Sample)
class SampleResolver {
  @Query(() => Sample)
  sample(): Sample {
    return Object.assign(new Sample(), { name: "样本" });
  }

  @FieldResolver(() => String)
  greeting(@Root() sample: Sample, @Arg("prefix", { defaultValue: "你好" }) prefix: string, @Arg("times", () => Number, { nullable: true }) times: number | null): string {
    return `${prefix} ${sample.name}`.repeat(times ?? 1);
  }

  @FieldResolver(() => String)
  shaped(@Root() sample: Sample, @Arg("shape", () => Shape) shape: Shape): string {
    return `${shape instanceof Shape ? "Shape" : "plain"}:${shape.prefix}${sample.name}`;
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({ resolvers: [SampleResolver], validate: false, emitSchemaFile: false });
  resolveScalarArgumentsSynchronously(schema, [SampleResolver]);
});

const fields = () => (schema.getType("Sample") as GraphQLObjectType).getFields();

test("a resolver with scalar arguments answers synchronously", () => {
  const value = fields().greeting.resolve!(Object.assign(new Sample(), { name: "甲" }), { prefix: "嗨", times: 2 }, {}, {} as GraphQLResolveInfo);
  expect(value).toBe("嗨 甲嗨 甲");
});

test("a resolver with an input object keeps type-graphql's conversion (a class instance)", async () => {
  const value = fields().shaped.resolve!(Object.assign(new Sample(), { name: "甲" }), { shape: { prefix: ">" } }, {}, {} as GraphQLResolveInfo);
  expect(value).toBeInstanceOf(Promise);
  await expect(value).resolves.toBe("Shape:>甲");
});

test("through execution: defaults applied, both kinds of field answer", async () => {
  const result = await graphql({ schema, source: `{ sample { greeting times: greeting(prefix: "喂", times: 2) shaped(shape: { prefix: "#" }) } }` });
  expect(result).toEqual({ data: { sample: { greeting: "你好 样本", times: "喂 样本喂 样本", shaped: "Shape:#样本" } } });
});

import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { RequestHandler } from "express";
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE } from "../services/pagination";

/**
 * Limits that refuse an abusive request before any resolver (and so any SQL) runs:
 *
 * - parse:      `maxTokens` (Apollo `parseOptions`) bounds the work of parsing itself;
 * - validation: depth and alias limits, as graphql-js validation rules;
 * - after validation, before execution: a cost limit (graphql-query-complexity), as an
 *   Apollo plugin, because only there are the variables known and `first: $n` must be priced;
 * - HTTP: at most `maxBatchedOperations` operations in one batched request.
 *
 * Refusals are GRAPHQL_VALIDATION_FAILED (HTTP 400), a code format-error.ts passes through.
 */
export const ABUSE_LIMITS = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  /**
   * Roughly the number of objects a query may resolve. The front end's two-level browse
   * (50 children × 50 grandchildren with parent and ancestors) costs about 18,000; three
   * levels of 100 cost a million.
   */
  maxComplexity: 50_000,
  maxBatchedOperations: 10,
  maxTokens: 10_000,
});

/** The largest `first` the cost model believes; beyond it the services answer BAD_USER_INPUT themselves, as the contract says. */
const MAX_PRICED_PAGE = 1_000;

function refusal(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } } });
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * Folds a selection set over fields, inline fragments and spreads. A fragment's value is
 * memoised by name, so a fragment spread many times is walked once (no exponential blow-up),
 * and a cycle counts as 0 (graphql-js's NoFragmentCyclesRule reports it). Introspection
 * fields (`__schema`, `__type`) are skipped: their depth is fixed by the introspection query
 * and they touch no data; ZEREN_INTROSPECTION turns them off in production.
 */
function measure(
  fragments: Map<string, FragmentDefinitionNode>,
  onField: (hasAlias: boolean, childValue: number, hasChildren: boolean) => number,
  combine: (values: number[]) => number,
): (set: SelectionSetNode) => number {
  const memo = new Map<string, number>();
  const walk = (set: SelectionSetNode, visiting: Set<string>): number => {
    const values: number[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith("__")) continue;
        const child = selection.selectionSet ? walk(selection.selectionSet, visiting) : 0;
        values.push(onField(selection.alias !== undefined, child, selection.selectionSet !== undefined));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        values.push(walk(selection.selectionSet, visiting));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        if (!memo.has(name)) {
          visiting.add(name);
          memo.set(name, walk(fragment.selectionSet, visiting));
          visiting.delete(name);
        }
        values.push(memo.get(name)!);
      }
    }
    return combine(values);
  };
  return (set) => walk(set, new Set());
}

/** Nesting of fields in each operation, fragments expanded; a flat `{ me { id } }` has depth 2. */
export function depthLimitRule(maxDepth: number = ABUSE_LIMITS.maxDepth): ValidationRule {
  return (context) => {
    const depthOf = measure(
      fragmentsOf(context.getDocument()),
      (_alias, child) => 1 + child,
      (values) => Math.max(0, ...values),
    );
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth) {
          context.reportError(new GraphQLError(`The query is nested ${depth} levels deep; at most ${maxDepth} are allowed.`, { nodes: [operation] }));
        }
      },
    };
  };
}

/**
 * Aliased fields in each operation, counting a fragment once per spread. Aliases let one
 * request run a field many times: many logins (password guessing past per-request limits) or
 * many expensive lists side by side.
 */
export function aliasLimitRule(maxAliases: number = ABUSE_LIMITS.maxAliases): ValidationRule {
  return (context) => {
    const aliasesOf = measure(
      fragmentsOf(context.getDocument()),
      (hasAlias, child) => (hasAlias ? 1 : 0) + child,
      (values) => values.reduce((sum, value) => sum + value, 0),
    );
    return {
      OperationDefinition(operation) {
        const aliases = aliasesOf(operation.selectionSet);
        if (aliases > maxAliases) {
          context.reportError(new GraphQLError(`The query uses ${aliases} aliases; at most ${maxAliases} are allowed.`, { nodes: [operation] }));
        }
      },
    };
  };
}

export function abuseValidationRules(limits: { maxDepth: number; maxAliases: number } = ABUSE_LIMITS): ValidationRule[] {
  return [depthLimitRule(limits.maxDepth), aliasLimitRule(limits.maxAliases)];
}

/**
 * A field with a `first` argument returns up to `first` items, each costing its selection:
 * 1 + first × child cost (the schema's default when `first` is omitted, else 20). Other
 * lists count once: `ancestors` is bounded by the tree's depth, and a connection's `nodes`
 * are already priced by its `first`. A resolver can override this with `complexity` in @Field.
 */
export const pagedFieldEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((argument) => argument.name === "first")) return undefined;
  const first = typeof args.first === "number" && args.first > 0 ? Math.min(args.first, MAX_PRICED_PAGE) : DEFAULT_PAGE_SIZE;
  return 1 + first * Math.max(1, childComplexity);
};

const ESTIMATORS = [fieldExtensionsEstimator(), pagedFieldEstimator, simpleEstimator({ defaultComplexity: 1 })];

/** The cost of the operation that will run, with its variables. Throws a GraphQLError for a malformed one. */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: ESTIMATORS });
}

/** Refuses an operation whose cost exceeds `maxComplexity`, after validation and before execution. */
export function complexityLimitPlugin<TContext extends BaseContext>(maxComplexity: number = ABUSE_LIMITS.maxComplexity): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          let cost: number;
          try {
            cost = queryCost(schema, document, request.variables ?? {}, operationName ?? undefined);
          } catch {
            // Variables that do not fit the operation: execution refuses them next, with
            // BAD_USER_INPUT and before any resolver runs, so there is nothing to price.
            return;
          }
          if (cost > maxComplexity) {
            throw refusal(`The query would cost ${cost}; at most ${maxComplexity} is allowed. Ask for smaller pages or fewer nested lists.`);
          }
        },
      };
    },
  };
}

/**
 * Mount after express.json() and before Apollo: a JSON array body is a batch of operations
 * (Apollo runs them only with `allowBatchedHttpRequests`); more than `max` is refused whole.
 */
export function batchLimit(max: number = ABUSE_LIMITS.maxBatchedOperations): RequestHandler {
  return (req, res, next) => {
    if (Array.isArray(req.body) && req.body.length > max) {
      res.status(400).json({
        errors: [{ message: `A batch may hold at most ${max} operations, not ${req.body.length}.`, extensions: { code: "BAD_REQUEST" } }],
      });
      return;
    }
    next();
  };
}

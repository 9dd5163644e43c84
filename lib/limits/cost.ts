import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The request's raw variables: `first: $n` is priced with the value actually sent. */
  variables: Record<string, unknown> | undefined;
  /** Items assumed for a list or a connection without `first`/`last`. */
  defaultListSize: number;
  /** `Type.field` → items assumed for that list instead of `defaultListSize` (its SDL's `@listSize`, lib/limits/list-size.ts). */
  listSizes?: ReadonlyMap<string, number>;
  /** When true, `__schema`/`__type` cost 1 (introspection is on and GraphiQL must work). */
  ignoreIntrospection: boolean;
  /** Counts the selections visited, so tests can show the estimate is linear in the document. */
  stats?: { visits: number };
}

/**
 * Hand-written rather than graphql-armor's cost-limit, which prices `first: $var` as 1 and a
 * missing `first` as 1: both let a client ask for far more than the estimate says.
 *
 * Every field costs 1; a composite field adds its selection's cost times the number of items it
 * can return: `first`/`last` (literal or variable) when given, else the field's size hint
 * (`@listSize(assumedSize:)`), else `defaultListSize` for a list or a paginated field, else 1. A connection's count applies to its `edges`/`nodes` only, so
 * `totalCount` and `pageInfo` are not multiplied. Fragments and inline fragments are expanded
 * where they are spread: they cost exactly what their fields would cost written inline.
 *
 * Linear in the document: a fragment's cost depends only on the fragment and the connection size
 * it is spread under, so it is computed once per (fragment, size) and reused. Without that memo an
 * 800-byte document (8 fragments each spreading the next 10 times) costs 10^8 visits (issue #12).
 */
export function estimateCost(input: CostInput): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = rootType(input.schema, input.operation);
  if (!root) return 0;
  // A variable the client left out takes its declared default, as it will at execution.
  const variables = new Map<string, unknown>();
  for (const definition of input.operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.INT) variables.set(definition.variable.name.value, Number(definition.defaultValue.value));
  }
  for (const [name, value] of Object.entries(input.variables ?? {})) variables.set(name, value);

  /** The count asked for with `first`/`last`; undefined when the field is not given one (a paged field then takes its default). */
  const pageSize = (field: FieldNode): number | undefined => {
    const argument = field.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
    return argument ? (sizeOf(argument.value, variables) ?? input.defaultListSize) : undefined;
  };
  const assumedSize = (parent: GraphQLCompositeType, name: string): number => input.listSizes?.get(`${parent.name}.${name}`) ?? input.defaultListSize;

  const memo = new Map<string, number>();
  const selectionCost = (set: SelectionSetNode, type: GraphQLCompositeType, connectionSize: number | undefined, visiting: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (input.stats) input.stats.visits += 1;
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, type, connectionSize, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? input.schema.getType(selection.typeCondition.name.value) : type;
        total += selectionCost(selection.selectionSet, isCompositeType(condition) ? condition : type, connectionSize, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A cycle is refused by validation before we run; this only keeps us safe if it were not.
        if (!fragment || visiting.has(name)) continue;
        const condition = input.schema.getType(fragment.typeCondition.name.value);
        const key = `${name}\u0000${connectionSize ?? ''}\u0000${isCompositeType(condition) ? '' : type.name}`;
        let cost = memo.get(key);
        if (cost === undefined) {
          visiting.add(name);
          cost = selectionCost(fragment.selectionSet, isCompositeType(condition) ? condition : type, connectionSize, visiting);
          visiting.delete(name);
          memo.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLCompositeType, connectionSize: number | undefined, visiting: Set<string>): number => {
    const name = field.name.value;
    if (input.ignoreIntrospection && (name === '__schema' || name === '__type')) return 1;
    const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!definition || !field.selectionSet) return 1;
    const named = getNamedType(definition.type);
    if (!isCompositeType(named)) return 1;
    const list = isListType(getNullableType(definition.type));
    let items: number;
    if (connectionSize !== undefined && (name === 'edges' || name === 'nodes')) items = connectionSize;
    else if (name === '_entities') items = representationCount(field, variables) ?? input.defaultListSize;
    else if (!list) items = 1;
    else items = pageSize(field) ?? Math.max(assumedSize(parent, name), connectionSize ?? 0);
    if (isConnection(named)) {
      // The page size multiplies the edges, not the connection's own fields.
      return 1 + (list ? items : 1) * selectionCost(field.selectionSet, named, pageSize(field) ?? input.defaultListSize, visiting);
    }
    // A single object is one item even when it takes a `first`: that count sizes the lists inside
    // it (`transitions(first: 50) { paths }` holds 50 paths), so they are priced at no less than it.
    return 1 + items * selectionCost(field.selectionSet, named, list ? undefined : pageSize(field), visiting);
  };

  return selectionCost(input.operation.selectionSet, root, undefined, new Set());
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLCompositeType | undefined {
  switch (operation.operation) {
    case 'query':
      return schema.getQueryType() ?? undefined;
    case 'mutation':
      return schema.getMutationType() ?? undefined;
    case 'subscription':
      return schema.getSubscriptionType() ?? undefined;
  }
}

/** A Relay connection: an object type with an `edges` (or `nodes`) list. */
function isConnection(type: GraphQLCompositeType): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return fields['edges'] !== undefined || fields['nodes'] !== undefined;
}

/**
 * A subgraph's `_entities(representations: …)` returns one item per representation the gateway
 * sent: priced at that count, not at the default list size (which made a one-entity fetch of a
 * plan with nested lists cost twenty times what the gateway had accepted).
 */
function representationCount(field: FieldNode, variables: ReadonlyMap<string, unknown>): number | undefined {
  const value = field.arguments?.find((arg) => arg.name.value === 'representations')?.value;
  if (value?.kind === Kind.LIST) return Math.max(1, value.values.length);
  if (value?.kind !== Kind.VARIABLE) return undefined;
  const raw = variables.get(value.name.value);
  return Array.isArray(raw) ? Math.max(1, raw.length) : undefined;
}

/** The number of items asked for; undefined when absent or not a usable count (the subgraph refuses those). */
function sizeOf(value: ValueNode, variables: ReadonlyMap<string, unknown>): number | undefined {
  let raw: unknown;
  if (value.kind === Kind.INT) raw = Number(value.value);
  else if (value.kind === Kind.VARIABLE) raw = variables.get(value.name.value);
  else return undefined;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return undefined;
  return Math.max(1, Math.floor(raw));
}

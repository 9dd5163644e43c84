import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * Hand-written: graphql-armor has no root-field limit. Each root field is (at least) one
 * subgraph fetch, so this bounds the fan-out of one request. Fields reached through fragments
 * and inline fragments at the root count as if written inline; `__typename` counts too.
 */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const counted = new Map<string, number>();
    const count = (set: SelectionSetNode, visiting: Set<string>): number => {
      let total = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) total += 1;
        else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet, visiting);
        else {
          const name = selection.name.value;
          const known = counted.get(name);
          if (known !== undefined) {
            total += known;
            continue;
          }
          const fragment = context.getFragment(name);
          // Cycles are reported by NoFragmentCyclesRule; here they only must not loop.
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          const inner = count(fragment.selectionSet, visiting);
          visiting.delete(name);
          counted.set(name, inner);
          total += inner;
        }
      }
      return total;
    };
    return {
      OperationDefinition(operation) {
        const found = count(operation.selectionSet, new Set());
        if (found > max) context.reportError(new GraphQLError(`Root fields limit of ${max} exceeded, found ${found}.`, { nodes: [operation] }));
      },
    };
  };
}

/**
 * Hand-written: a document is validated as a whole even though one operation runs, so many
 * operations in one document multiply validation work (and APQ storage) for nothing.
 */
export function maxOperationsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const found = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
      if (found > max) context.reportError(new GraphQLError(`Operations limit of ${max} per document exceeded, found ${found}.`));
    },
  });
}

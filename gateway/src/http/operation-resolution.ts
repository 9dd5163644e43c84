/**
 * A document whose operation cannot be chosen — `operationName` names no operation in it, several
 * operations and no `operationName`, or fragments only — is the client's mistake: 400
 * BAD_USER_INPUT with graphql-js's own reason. Without this plugin Apollo Server hands the
 * document to @apollo/gateway, whose executor throws a plain Error (a 500 "Internal error." and
 * an error log with a stack trace for every GraphiQL user who runs a pasted query too early).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { ErrorCode } from '../../../lib/errors/index.js';

function reason(document: DocumentNode, operationName: string | null | undefined): string {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operationName) {
    const names = operations.map((operation) => operation.name?.value).filter((name): name is string => name !== undefined);
    const known = names.length > 0 ? ` The document defines: ${names.slice(0, 10).join(', ')}.` : '';
    return `Unknown operation named "${operationName}".${known}`;
  }
  if (operations.length === 0) return 'Must provide an operation.';
  return 'Must provide operation name if query contains multiple operations.';
}

export function operationResolutionPlugin<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          throw new GraphQLError(reason(document, request.operationName), {
            extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'operationName', http: { status: 400 } },
          });
        },
      };
    },
  };
}

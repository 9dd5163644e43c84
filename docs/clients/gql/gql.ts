/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query WorkerDashboard {\n    me {\n      id\n      activityAccount {\n        cpf {\n          balance { cents currency }\n          ceiling { cents }\n          regime\n        }\n        totalTrainingRights { cents }\n      }\n      jobSeeker {\n        registered\n        category\n        registeredSince\n        soughtOccupation {\n          romeCode\n          title\n          jobOffers(first: 5) {\n            totalCount\n            edges { node { id title company { siret name } } }\n          }\n          trainings(first: 5) {\n            totalCount\n            edges {\n              node {\n                id\n                title\n                price { cents }\n                funding { remainingCost { cents } coveredInFull }\n                outcomes { returnToWorkRate }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.WorkerDashboardDocument,
    "\n  query TrainingFinder($formacodes: [String!]!, $near: PlaceInput!, $first: Int, $after: String) {\n    trainings(filter: { formacodes: $formacodes, near: $near }, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          title\n          provider { siret name }\n          certification { code title level }\n          cpfEligible\n          outcomes { returnToWorkRate trainees }\n          reviews { count averages { overall } }\n        }\n      }\n    }\n  }\n": typeof types.TrainingFinderDocument,
    "\n  query JobSearch($romeCodes: [ID!]!, $near: PlaceInput!, $first: Int, $after: String) {\n    jobOffers(filter: { romeCodes: $romeCodes, near: $near }, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          title\n          contractType\n          location { label }\n          companyName\n          company { siret name }\n          occupation { romeCode title }\n        }\n      }\n    }\n  }\n": typeof types.JobSearchDocument,
    "\n  query CareerChange($romeCode: ID!) {\n    occupation(romeCode: $romeCode) {\n      romeCode\n      title\n      relatedOccupations {\n        romeCode\n        title\n        jobOffers { totalCount }\n        trainings { totalCount }\n        certifications { code title }\n      }\n    }\n  }\n": typeof types.CareerChangeDocument,
    "\n  query OccupationByCode($romeCode: ID!) {\n    occupation(romeCode: $romeCode) {\n      romeCode\n      title\n    }\n  }\n": typeof types.OccupationByCodeDocument,
};
const documents: Documents = {
    "\n  query WorkerDashboard {\n    me {\n      id\n      activityAccount {\n        cpf {\n          balance { cents currency }\n          ceiling { cents }\n          regime\n        }\n        totalTrainingRights { cents }\n      }\n      jobSeeker {\n        registered\n        category\n        registeredSince\n        soughtOccupation {\n          romeCode\n          title\n          jobOffers(first: 5) {\n            totalCount\n            edges { node { id title company { siret name } } }\n          }\n          trainings(first: 5) {\n            totalCount\n            edges {\n              node {\n                id\n                title\n                price { cents }\n                funding { remainingCost { cents } coveredInFull }\n                outcomes { returnToWorkRate }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.WorkerDashboardDocument,
    "\n  query TrainingFinder($formacodes: [String!]!, $near: PlaceInput!, $first: Int, $after: String) {\n    trainings(filter: { formacodes: $formacodes, near: $near }, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          title\n          provider { siret name }\n          certification { code title level }\n          cpfEligible\n          outcomes { returnToWorkRate trainees }\n          reviews { count averages { overall } }\n        }\n      }\n    }\n  }\n": types.TrainingFinderDocument,
    "\n  query JobSearch($romeCodes: [ID!]!, $near: PlaceInput!, $first: Int, $after: String) {\n    jobOffers(filter: { romeCodes: $romeCodes, near: $near }, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          title\n          contractType\n          location { label }\n          companyName\n          company { siret name }\n          occupation { romeCode title }\n        }\n      }\n    }\n  }\n": types.JobSearchDocument,
    "\n  query CareerChange($romeCode: ID!) {\n    occupation(romeCode: $romeCode) {\n      romeCode\n      title\n      relatedOccupations {\n        romeCode\n        title\n        jobOffers { totalCount }\n        trainings { totalCount }\n        certifications { code title }\n      }\n    }\n  }\n": types.CareerChangeDocument,
    "\n  query OccupationByCode($romeCode: ID!) {\n    occupation(romeCode: $romeCode) {\n      romeCode\n      title\n    }\n  }\n": types.OccupationByCodeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDashboard {\n    me {\n      id\n      activityAccount {\n        cpf {\n          balance { cents currency }\n          ceiling { cents }\n          regime\n        }\n        totalTrainingRights { cents }\n      }\n      jobSeeker {\n        registered\n        category\n        registeredSince\n        soughtOccupation {\n          romeCode\n          title\n          jobOffers(first: 5) {\n            totalCount\n            edges { node { id title company { siret name } } }\n          }\n          trainings(first: 5) {\n            totalCount\n            edges {\n              node {\n                id\n                title\n                price { cents }\n                funding { remainingCost { cents } coveredInFull }\n                outcomes { returnToWorkRate }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkerDashboard {\n    me {\n      id\n      activityAccount {\n        cpf {\n          balance { cents currency }\n          ceiling { cents }\n          regime\n        }\n        totalTrainingRights { cents }\n      }\n      jobSeeker {\n        registered\n        category\n        registeredSince\n        soughtOccupation {\n          romeCode\n          title\n          jobOffers(first: 5) {\n            totalCount\n            edges { node { id title company { siret name } } }\n          }\n          trainings(first: 5) {\n            totalCount\n            edges {\n              node {\n                id\n                title\n                price { cents }\n                funding { remainingCost { cents } coveredInFull }\n                outcomes { returnToWorkRate }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingFinder($formacodes: [String!]!, $near: PlaceInput!, $first: Int, $after: String) {\n    trainings(filter: { formacodes: $formacodes, near: $near }, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          title\n          provider { siret name }\n          certification { code title level }\n          cpfEligible\n          outcomes { returnToWorkRate trainees }\n          reviews { count averages { overall } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TrainingFinder($formacodes: [String!]!, $near: PlaceInput!, $first: Int, $after: String) {\n    trainings(filter: { formacodes: $formacodes, near: $near }, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          title\n          provider { siret name }\n          certification { code title level }\n          cpfEligible\n          outcomes { returnToWorkRate trainees }\n          reviews { count averages { overall } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobSearch($romeCodes: [ID!]!, $near: PlaceInput!, $first: Int, $after: String) {\n    jobOffers(filter: { romeCodes: $romeCodes, near: $near }, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          title\n          contractType\n          location { label }\n          companyName\n          company { siret name }\n          occupation { romeCode title }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query JobSearch($romeCodes: [ID!]!, $near: PlaceInput!, $first: Int, $after: String) {\n    jobOffers(filter: { romeCodes: $romeCodes, near: $near }, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          title\n          contractType\n          location { label }\n          companyName\n          company { siret name }\n          occupation { romeCode title }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CareerChange($romeCode: ID!) {\n    occupation(romeCode: $romeCode) {\n      romeCode\n      title\n      relatedOccupations {\n        romeCode\n        title\n        jobOffers { totalCount }\n        trainings { totalCount }\n        certifications { code title }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CareerChange($romeCode: ID!) {\n    occupation(romeCode: $romeCode) {\n      romeCode\n      title\n      relatedOccupations {\n        romeCode\n        title\n        jobOffers { totalCount }\n        trainings { totalCount }\n        certifications { code title }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OccupationByCode($romeCode: ID!) {\n    occupation(romeCode: $romeCode) {\n      romeCode\n      title\n    }\n  }\n"): (typeof documents)["\n  query OccupationByCode($romeCode: ID!) {\n    occupation(romeCode: $romeCode) {\n      romeCode\n      title\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
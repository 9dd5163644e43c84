/**
 * The example operations front-end teams start from: graph.md's four queries (each selecting the
 * key field of every entity it touches, so a normalised cache can store it), one page of a
 * connection, and a lookup by code. `graphql()` comes from the files GraphQL Code Generator's client
 * preset writes into ./gql/ (config: ./codegen.ts, `npm run codegen`, drift-checked in CI), so each
 * constant is a TypedDocumentNode: Apollo Client, urql and graphql-request infer the variables and
 * the result from it. test/clients/clients.stack.test.ts sends every one of them through each client.
 */
import { graphql } from './gql/index.js';

/** graph.md query 1 — a worker's own dashboard (worker token): four hops across three subgraphs. */
export const WorkerDashboard = graphql(`
  query WorkerDashboard {
    me {
      id
      activityAccount {
        cpf {
          balance { cents currency }
          ceiling { cents }
          regime
        }
        totalTrainingRights { cents }
      }
      jobSeeker {
        registered
        category
        registeredSince
        soughtOccupation {
          romeCode
          title
          jobOffers(first: 5) {
            totalCount
            edges { node { id title company { siret name } } }
          }
          trainings(first: 5) {
            totalCount
            edges {
              node {
                id
                title
                price { cents }
                funding { remainingCost { cents } coveredInFull }
                outcomes { returnToWorkRate }
              }
            }
          }
        }
      }
    }
  }
`);

/** graph.md query 2 — the training finder, one page at a time (`after` = the last page's endCursor). */
export const TrainingFinder = graphql(`
  query TrainingFinder($formacodes: [String!]!, $near: PlaceInput!, $first: Int, $after: String) {
    trainings(filter: { formacodes: $formacodes, near: $near }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id
          title
          provider { siret name }
          certification { code title level }
          cpfEligible
          outcomes { returnToWorkRate trainees }
          reviews { count averages { overall } }
        }
      }
    }
  }
`);

/** graph.md query 3 — job search near a place, one page at a time. */
export const JobSearch = graphql(`
  query JobSearch($romeCodes: [ID!]!, $near: PlaceInput!, $first: Int, $after: String) {
    jobOffers(filter: { romeCodes: $romeCodes, near: $near }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id
          title
          contractType
          location { label }
          companyName
          company { siret name }
          occupation { romeCode title }
        }
      }
    }
  }
`);

/** graph.md query 4 — career change: the occupations close to one, with their offers, trainings, certifications. */
export const CareerChange = graphql(`
  query CareerChange($romeCode: ID!) {
    occupation(romeCode: $romeCode) {
      romeCode
      title
      relatedOccupations {
        romeCode
        title
        jobOffers { totalCount }
        trainings { totalCount }
        certifications { code title }
      }
    }
  }
`);

/** One occupation by ROME code; a malformed code is answered with BAD_USER_INPUT. */
export const OccupationByCode = graphql(`
  query OccupationByCode($romeCode: ID!) {
    occupation(romeCode: $romeCode) {
      romeCode
      title
    }
  }
`);

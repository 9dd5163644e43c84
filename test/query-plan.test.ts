import { readFileSync } from 'node:fs';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type QueryPlan } from '@apollo/query-planner';

type Node = PlanNode | QueryPlan['node'];
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../lib/paths.js';

/**
 * Issue #15 point 3, counted on the query plans of the committed supergraph (the plans every
 * gateway serving it builds: ours, stock Apollo, Apollo Router): how many fetches wait on one
 * another. The worker dashboard reads the CPF rights (caisse-des-depots) and the job-seeker status
 * (job-seekers) in one parallel first stage, because both subgraphs resolve the shared `me`; then
 * the sought occupation's offers (france-travail) and trainings (training-catalog) at once — the
 * status being a subgraph of its own, the offers are no longer fetched with it, so the trainings do
 * not wait for them — then the trainings' outcomes and funding: the order the data itself needs.
 */
const supergraph = Supergraph.build(readFileSync(repoPath('schema', 'supergraph.graphql'), 'utf8'));
const planner = new QueryPlanner(supergraph);
const bench = (name: string) => readFileSync(repoPath('bench', 'queries', `${name}.graphql`), 'utf8');

function plan(query: string): QueryPlan {
  return planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)));
}

/** Fetches that must wait on one another: a Sequence adds its steps, a Parallel takes its longest branch. */
function stages(node: Node): number {
  if (!node) return 0;
  switch (node.kind) {
    case 'Fetch':
      return 1;
    case 'Flatten':
      return stages(node.node);
    case 'Sequence':
      return node.nodes.reduce((sum, child) => sum + stages(child), 0);
    case 'Parallel':
      return Math.max(0, ...node.nodes.map(stages));
    default:
      throw new Error(`unexpected plan node ${node.kind}`);
  }
}

/** Every fetch with the stage it starts in (0 = first): a Sequence's steps start one after another. */
function fetchStages(node: Node, start = 0): { service: string; operation: string; stage: number }[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [{ service: node.serviceName, operation: node.operation, stage: start }];
    case 'Flatten':
      return fetchStages(node.node, start);
    case 'Sequence': {
      let at = start;
      return node.nodes.flatMap((child) => {
        const fetches = fetchStages(child, at);
        at += stages(child);
        return fetches;
      });
    }
    case 'Parallel':
      return node.nodes.flatMap((child) => fetchStages(child, start));
    default:
      throw new Error(`unexpected plan node ${node.kind}`);
  }
}

/** The stage of the one fetch selecting `field` from `service`. */
function stageOf(plan: QueryPlan, service: string, field: RegExp): number {
  const found = fetchStages(plan.node).filter((fetch) => fetch.service === service && field.test(fetch.operation));
  expect(found, `${service} ${String(field)}`).toHaveLength(1);
  return found[0]?.stage ?? -1;
}

/** The subgraphs fetched in a node's first stage. */
function firstStage(node: Node): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node.serviceName];
    case 'Flatten':
      return firstStage(node.node);
    case 'Sequence':
      return firstStage(node.nodes[0]);
    case 'Parallel':
      return node.nodes.flatMap(firstStage).sort();
    default:
      throw new Error(`unexpected plan node ${node.kind}`);
  }
}

describe('query plans of the committed supergraph', () => {
  it('the worker dashboard reads rights and job-seeker status in one first stage, then offers and trainings at once: 3 dependent stages', () => {
    const dashboard = plan(bench('worker-dashboard'));
    expect(firstStage(dashboard.node)).toEqual(['caisse-des-depots', 'job-seekers']);
    expect(stages(dashboard.node)).toBe(3);
    expect(stageOf(dashboard, 'job-seekers', /jobSeeker/)).toBe(0);
    // The offers (an upstream call) and the trainings start together, right after the status.
    expect(stageOf(dashboard, 'france-travail', /jobOffers/)).toBe(1);
    expect(stageOf(dashboard, 'training-catalog', /trainings/)).toBe(1);
    expect(stageOf(dashboard, 'france-travail', /outcomes/)).toBe(2);
    expect(stageOf(dashboard, 'caisse-des-depots', /funding/)).toBe(2);
    // Six fetches: the rights, the status, offers, trainings, outcomes, funding.
    expect(fetchStages(dashboard.node)).toHaveLength(6);
  });

  it('`me` with caisse-des-depots fields only is one fetch; with job-seeker fields only, one fetch to job-seekers', () => {
    const rightsOnly = plan('{ me { id activityAccount { cpf { balance { cents } } } } }');
    expect(firstStage(rightsOnly.node)).toEqual(['caisse-des-depots']);
    expect(stages(rightsOnly.node)).toBe(1);
    const statusOnly = plan('{ me { jobSeeker { registered category } } }');
    expect(firstStage(statusOnly.node)).toEqual(['job-seekers']);
    expect(stages(statusOnly.node)).toBe(1);
  });

  it('a partner reading a worker still starts at the owner (caisse-des-depots checks the consent first)', () => {
    const partner = plan('query ($id: ID!) { worker(id: $id) { activityAccount { cpf { balance { cents } } } jobSeeker { registered } } }');
    expect(firstStage(partner.node)).toEqual(['caisse-des-depots']);
    expect(stages(partner.node)).toBe(2);
  });
});

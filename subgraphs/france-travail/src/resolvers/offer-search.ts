import type { GraphQLResolveInfo } from 'graphql';
import { pageRequest, toConnection, type Connection } from '../../../../lib/validation/index.js';
import { checkOfferWindow } from '../domain/inputs.js';
import type { JobOffer, JobOfferSearch } from '../domain/job-offer.js';
import type { Context } from '../context.js';

/**
 * True unless the selection provably asks for the total only: `relatedOccupations { jobOffers
 * { totalCount } }` then costs a one-offer range instead of a full page per occupation.
 */
export function wantsNodes(info: GraphQLResolveInfo | undefined): boolean {
  if (!info) return true;
  return info.fieldNodes.some((node) =>
    (node.selectionSet?.selections ?? []).some((selection) => selection.kind !== 'Field' || selection.name.value !== 'totalCount' && selection.name.value !== '__typename'),
  );
}

/** One page of offers as a Relay connection; every argument is validated before the upstream call. */
export async function offerConnection(
  context: Context,
  search: JobOfferSearch,
  first: number | null | undefined,
  after: string | null | undefined,
  info?: GraphQLResolveInfo,
): Promise<Connection<JobOffer>> {
  const page = pageRequest(first, after);
  checkOfferWindow(page);
  const upstreamPage = wantsNodes(info) ? page : { offset: page.offset, limit: 1 };
  const result = await context.repositories.offers.search(search, upstreamPage);
  const nodes = wantsNodes(info) ? result.offers.slice(0, page.limit) : [];
  return toConnection(nodes, page, result.totalCount);
}

import { describe, expect, it } from 'vitest';
import { boomErrorSchema, reviewsResponseSchema } from './anotea.response.js';
import { jobSeekerStatusSchema, particulierErrorSchema } from './job-seeker.response.js';
import { lbbSearchSchema } from './lbb.response.js';
import { offerSearchSchema } from './offers.response.js';
import { docOfferSearchExample } from './offers.response.fixture.js';
import { outcomeResponseSchema } from './outcomes.response.js';
import { docAnoteaExample, docBoomExample, docJobSeekerExample, docJobSeekerNotFoundExample, docLbbExample, docOutcomeExample, docTokenErrorExamples, docTokenExample } from './other.response.fixture.js';
import { ficheListSchema, ficheMetierSchema, metierListSchema, metierSchema } from './rome.response.js';
import { docFicheExample, docFicheListExample, docMetierExample, docMetierListExample } from './rome.response.fixture.js';
import { tokenErrorSchema, tokenResponseSchema } from './token.response.js';

/** The schemas the client parses with must accept the real payloads quoted in upstreams.md. */
describe('response schemas accept the documented payloads', () => {
  it.each([
    ['token', tokenResponseSchema, docTokenExample],
    ['offer search', offerSearchSchema, docOfferSearchExample],
    ['métier list', metierListSchema, docMetierListExample],
    ['métier', metierSchema, docMetierExample],
    ['fiche métier', ficheMetierSchema, docFicheExample],
    ['fiche list', ficheListSchema, docFicheListExample],
    ['La Bonne Boîte', lbbSearchSchema, docLbbExample],
    ['Anotéa', reviewsResponseSchema, docAnoteaExample],
    ['Boom error', boomErrorSchema, docBoomExample],
    ['outcomes', outcomeResponseSchema, docOutcomeExample],
    ['job-seeker status', jobSeekerStatusSchema, docJobSeekerExample],
    ['job-seeker 404', particulierErrorSchema, docJobSeekerNotFoundExample],
  ] as const)('%s', (_name, schema, example) => {
    expect(schema.safeParse(example).success).toBe(true);
  });

  it('token errors', () => {
    for (const example of docTokenErrorExamples) expect(tokenErrorSchema.parse(example).error).toBe(example.error);
  });
});

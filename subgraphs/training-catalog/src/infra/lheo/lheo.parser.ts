import { SaxesParser, type SaxesTagNS } from 'saxes';
import { decodeStream } from '../../../../../lib/http/decode.js';
import type { LheoAddress, LheoAction, LheoFormation, LheoSession } from './lheo.response.js';

/** The document is not well-formed XML: what was emitted before the error stands, the rest is lost. */
export class LheoSyntaxError extends Error {}

type Chunk = string | Uint8Array;

const emptyAddress = (): LheoAddress => ({ ligne: [] });

/**
 * Streams `formation` records out of an LHEO document with a SAX parser: memory holds one
 * formation at a time, whatever the size of the feed. Element names are matched by local name
 * (the feed's default namespace is `http://www.lheo.org/2.2`); unknown elements are ignored.
 */
export async function* parseLheo(source: AsyncIterable<Chunk> | Iterable<Chunk>, contentType?: string): AsyncGenerator<LheoFormation> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const ready: LheoFormation[] = [];
  const stack: string[] = [];
  let text = '';
  let formation: LheoFormation | undefined;
  let action: LheoAction | undefined;
  let session: LheoSession | undefined;
  let address: LheoAddress | undefined;
  let failure: Error | undefined;

  const inside = (name: string): boolean => stack.includes(name);

  parser.on('error', (error) => {
    failure ??= new LheoSyntaxError(error.message);
  });
  parser.on('text', (chunk) => {
    text += chunk;
  });
  parser.on('cdata', (chunk) => {
    text += chunk;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = tag.local;
    const attribute = (key: string): string | undefined => tag.attributes[key]?.value;
    stack.push(name);
    text = '';
    if (name === 'formation') {
      formation = { numero: attribute('numero') ?? '', datemaj: attribute('datemaj'), codesFormacode: [], codesRome: [], codesNsf: [], certifications: [], actions: [] };
    } else if (!formation) {
      return;
    } else if (name === 'action' && stack.at(-2) === 'formation') {
      action = { numero: attribute('numero'), lieuxDeFormation: [], sessions: [] };
      formation.actions.push(action);
    } else if (name === 'session' && action) {
      session = { numero: attribute('numero') };
      action.sessions.push(session);
    } else if (name === 'certification' && stack.at(-2) === 'formation') {
      formation.certifications.push({});
    } else if (name === 'organisme-formation-responsable') {
      formation.organisme = {};
    } else if (name === 'adresse') {
      if (action && inside('lieu-de-formation')) {
        address = emptyAddress();
        action.lieuxDeFormation.push(address);
      } else if (formation.organisme && inside('coordonnees-organisme') && !formation.organisme.adresse) {
        address = emptyAddress();
        formation.organisme.adresse = address;
      }
    }
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    const name = tag.local;
    const parent = stack.at(-2);
    const value = text.trim();
    text = '';
    if (formation) assignLeaf(name, parent, value);
    stack.pop();
    if (name === 'formation' && formation) {
      // After a syntax error the parser keeps going on a broken stream: nothing past it is trusted.
      if (!failure) ready.push(formation);
      formation = undefined;
    } else if (name === 'action') action = undefined;
    else if (name === 'session') session = undefined;
    else if (name === 'adresse') address = undefined;
  });

  function assignLeaf(name: string, parent: string | undefined, value: string): void {
    const current = formation as LheoFormation;
    if (parent === 'domaine-formation') {
      if (name === 'code-FORMACODE') current.codesFormacode.push(value);
      else if (name === 'code-ROME') current.codesRome.push(value);
      else if (name === 'code-NSF') current.codesNsf.push(value);
    } else if (parent === 'formation') {
      if (name === 'intitule-formation') current.intituleFormation = value;
      else if (name === 'objectif-formation') current.objectifFormation = value;
      else if (name === 'code-niveau-sortie') current.codeNiveauSortie = value;
    } else if (parent === 'certification' && stack.at(-3) === 'formation') {
      const certification = current.certifications.at(-1);
      if (!certification) return;
      if (name === 'code-RNCP') certification.codeRNCP = value;
      else if (name === 'code-RS') certification.codeRS = value;
      else if (name === 'code-CERTIFINFO') certification.codeCERTIFINFO = value;
      else if (name === 'code-CPF') certification.codeCPF = value;
    } else if (parent === 'action' && action) {
      if (name === 'modalites-enseignement') action.modalitesEnseignement = value;
      else if (name === 'prix-total-TTC') action.prixTotalTTC = value;
      else if (name === 'nombre-heures-total') action.nombreHeuresTotal = value;
    } else if (parent === 'periode' && session && stack.at(-3) === 'session') {
      // Only the session's own period: `<periode-inscription><periode>` (the enrolment window) follows it.
      if (name === 'debut') session.debut = value;
      else if (name === 'fin') session.fin = value;
    } else if (parent === 'SIRET-organisme-formation' && name === 'SIRET' && current.organisme) {
      current.organisme.siret = value;
    } else if (parent === 'organisme-formation-responsable' && current.organisme) {
      if (name === 'numero-activite') current.organisme.numeroActivite = value;
      else if (name === 'nom-organisme') current.organisme.nomOrganisme = value;
      else if (name === 'raison-sociale') current.organisme.raisonSociale = value;
    } else if (address && (parent === 'adresse' || parent === 'geolocalisation')) {
      assignAddress(address, name, value);
    }
  }

  for await (const chunk of decodedText(source, contentType)) {
    parser.write(chunk);
    if (failure) break;
    while (ready.length > 0) yield ready.shift() as LheoFormation;
  }
  if (!failure) parser.close();
  while (ready.length > 0) yield ready.shift() as LheoFormation;
  if (failure) throw failure;
}

/** Bytes are decoded by the document's declaration (`<?xml … encoding="ISO-8859-1"?>`, a BOM, the Content-Type charset). */
async function* decodedText(source: AsyncIterable<Chunk> | Iterable<Chunk>, contentType: string | undefined): AsyncGenerator<string> {
  async function* bytes(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
  yield* decodeStream(bytes(), { xml: true, contentType });
}

function assignAddress(address: LheoAddress, name: string, value: string): void {
  switch (name) {
    case 'ligne':
      address.ligne.push(value);
      break;
    case 'codepostal':
      address.codepostal = value;
      break;
    case 'ville':
      address.ville = value;
      break;
    case 'departement':
      address.departement = value;
      break;
    case 'code-INSEE-commune':
      address.codeInseeCommune = value;
      break;
    case 'region':
      address.region = value;
      break;
    case 'latitude':
      address.latitude = value;
      break;
    case 'longitude':
      address.longitude = value;
      break;
  }
}

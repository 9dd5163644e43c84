export * from './codes.js';
export * from './paging.js';
export { isOfficialCommune, loadCommuneCodes } from './communes.js';

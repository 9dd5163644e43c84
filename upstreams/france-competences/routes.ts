import { zipSync } from 'fflate';
import type { OperatorPlugin } from '../operators.js';
import { buildExport, EXPORT_DATE, exportFileName } from './export.js';

export const FC_DATASET_ID = '5eebbc067a14b6fecc9c9976';

/**
 * France Compétences RNCP/RS export as data.gouv.fr serves it (contract in README.md): the
 * dataset API `GET /api/1/datasets/5eebbc067a14b6fecc9c9976/` lists the resources (the current
 * zip, an older zip, a documentation PDF); `GET /static/export-fiches-csv-<date>.zip` is the zip
 * of the ten CSVs. The resource URLs are absolute, built from the request's own host.
 */
export const franceCompetencesRoutes: OperatorPlugin = (app, context) => {
  let zip: Buffer | undefined;
  const zipName = `export-fiches-csv-${EXPORT_DATE.replace(/_/g, '-')}.zip`;
  const getZip = (): Buffer => {
    if (!zip) {
      const files = Object.fromEntries([...buildExport(context.world)].map(([kind, content]) => [exportFileName(kind), Buffer.from(content, 'utf8')]));
      zip = Buffer.from(zipSync(files, { level: 6 }));
    }
    return zip;
  };

  app.get(`/api/1/datasets/${FC_DATASET_ID}/`, async (request) => {
    const base = `${request.protocol}://${request.headers.host ?? request.hostname}/france-competences`;
    const date = EXPORT_DATE.replace(/_/g, '-');
    return {
      id: FC_DATASET_ID,
      title: 'Répertoire national des certifications professionnelles et répertoire spécifique',
      resources: [
        { id: 'doc', title: 'Notice des exports', format: 'pdf', url: `${base}/static/notice.pdf`, last_modified: `${date}T09:00:00.000+00:00` },
        { id: 'previous', title: 'export-fiches-csv-2026-10-01.zip', format: 'zip', url: `${base}/static/export-fiches-csv-2026-10-01.zip`, last_modified: '2026-10-01T03:00:00.000+00:00' },
        { id: 'current', title: zipName, format: 'zip', url: `${base}/static/${zipName}`, last_modified: `${date}T03:00:00.000+00:00` },
      ],
    };
  });

  app.get('/static/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    if (file !== zipName) return reply.code(404).type('text/html').send('<html><body><h1>404 Not Found</h1></body></html>');
    return reply.header('content-type', 'application/zip').send(getZip());
  });
};

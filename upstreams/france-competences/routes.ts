import type { OperatorPlugin } from '../operators.js';
import { buildExport, EXPORT_DATE, EXPORT_KINDS, exportFileName, type ExportKind } from './export.js';

/**
 * France Compétences RNCP/RS export (design in README.md): `GET /exports/index.json` lists the ten
 * CSV files of the current export; `GET /exports/<file name>` serves one of them.
 */
export const franceCompetencesRoutes: OperatorPlugin = (app, context) => {
  let files: Map<string, string> | undefined;
  const getFiles = (): Map<string, string> => {
    if (!files) {
      const built = buildExport(context.world);
      files = new Map([...built].map(([kind, content]) => [exportFileName(kind), content]));
    }
    return files;
  };

  app.get('/exports/index.json', async () => ({
    dataset: '5eebbc067a14b6fecc9c9976',
    date: EXPORT_DATE.replace(/_/g, '-'),
    files: EXPORT_KINDS.map((kind: ExportKind) => ({
      kind,
      name: exportFileName(kind),
      path: `/exports/${encodeURIComponent(exportFileName(kind))}`,
    })),
  }));

  app.get('/exports/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    const content = getFiles().get(file.normalize('NFC'));
    if (content === undefined) return reply.code(404).send({ message: 'Fichier introuvable' });
    return reply.header('content-type', 'text/csv; charset=utf-8').send(content);
  });
};

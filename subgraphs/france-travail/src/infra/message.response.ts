import { z } from 'zod';

/** The `{"message": …}` body of France Travail's 400/401/403/429 answers (1j1s reads `data.message`). */
export const messageBodySchema = z.object({ message: z.string() });
export type MessageBody = z.infer<typeof messageBodySchema>;

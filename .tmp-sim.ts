import { createSimulator } from './upstreams/server.js';
const t = Date.now();
const { app } = await createSimulator({ publicUrl: 'http://127.0.0.1:4999' });
await app.listen({ port: 4999, host: '127.0.0.1' });
console.log('listening', Date.now() - t);

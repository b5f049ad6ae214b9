import { createServer } from './src/server/app';
import { openPgliteStore } from './src/server/store';
const store = await openPgliteStore({}); await store.migrate();
const app = createServer({ store }); await app.ready();
const res = await app.inject({ method: 'GET', url: '/openapi.json' });
const doc = res.json();
console.log(res.statusCode, JSON.stringify(doc.paths['/v1/wards/{ward}/residents/import'], null, 1).slice(0, 1500));
await app.close(); await store.close();

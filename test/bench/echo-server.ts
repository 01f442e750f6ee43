// The benches' baseline: a bare Hono app with `POST /echo`, which parses the JSON body and answers
// it back (201), and `GET /echo`, which answers a small fixed JSON (the size of a pre-send check's
// answer), run in its own process as the real server is. Listens on a free
// port of 127.0.0.1 and prints `{"port":…}` on stdout once it does; stops on SIGTERM.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const answer = { allowed: true, status: 'ONAY', source: 'HS_WEB', since: '2026-11-28 13:15:30' };
const app = new Hono()
  .post('/echo', async (c) => {
    const body: unknown = await c.req.json();
    return c.json(body as object, 201);
  })
  .get('/echo', (c) => c.json(answer));

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(JSON.stringify({ port: info.port }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));

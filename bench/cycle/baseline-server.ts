/**
 * The baseline of bench/cycle: a bare Fastify server on the same database doing the plain work only — one UPDATE
 * per leaf save, one SELECT of an assessment's leaves per form open — with no session, validation, rules or audit.
 */
import Fastify from 'fastify';
import { openDatabase } from '../../src/server/db/client';

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? './data', poolSize: 10 });
const app = Fastify({ logger: false });
app.put<{ Params: { id: string }; Body: { points: string } }>('/save/:id', async (req) => {
  const rows = await database.query('update leaf_scores set self_points = $1 where id = $2 returning version', [req.body.points, Number(req.params.id)]);
  return rows[0];
});
app.get<{ Params: { id: string } }>('/open/:id', async (req) => database.query('select * from leaf_scores where assessment_id = $1', [Number(req.params.id)]));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
const stop = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

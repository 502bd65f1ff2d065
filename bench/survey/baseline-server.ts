/**
 * The baseline of bench/survey: a bare Fastify route on the same database doing one plain INSERT of the same
 * payload (no validation, rate limit, code claim, idempotency check or questionnaire lookup).
 */
import Fastify from 'fastify';
import { openDatabase } from '../../src/server/db/client';

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? './data', poolSize: 10 });
const questionnaireId = Number(process.env.QUESTIONNAIRE_ID);
const app = Fastify({ logger: false, bodyLimit: 512 * 1024 });
app.post<{ Body: { idempotencyKey: string; answers: unknown[] } }>('/submit', async (req, reply) => {
  const rows = await database.query<{ id: number }>(
    "insert into survey_responses (questionnaire_id, respondent_group, channel, idempotency_key, answers) values ($1, 'DB', 'code', $2, $3) returning id",
    [questionnaireId, req.body.idempotencyKey, JSON.stringify(req.body.answers)],
  );
  return reply.status(201).send({ id: rows[0]!.id });
});
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

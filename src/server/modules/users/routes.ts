import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, pageOf } from '../../../core/schemas/common';
import { importResult } from '../../../core/schemas/org';
import { passwordReset, user, userCreate, userListQuery, userUpdate } from '../../../core/schemas/users';
import { ctxOf } from '../../lib/context';
import { readSingleUpload } from '../../lib/uploads';
import { sendFile } from '../../lib/reply';
import { importUsers, userTemplate } from './import';
import * as service from './service';
import { UPLOAD_LIMITS } from '../../../core/schemas/limits';

const tags = ['users'];

/** User accounts: list, create, edit roles, deactivate, reset password, import from .xlsx. */
export async function userRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/users', { schema: { tags, summary: 'Users of my province', querystring: userListQuery, response: { 200: pageOf(user) } } }, async (req) =>
    service.listUsers(ctxOf(req), req.query),
  );
  r.get('/api/users/template.xlsx', { schema: { tags, summary: 'An .xlsx template of the user import' } }, async (req, reply) =>
    sendFile(reply, await userTemplate(ctxOf(req)), 'mau-nhap-nguoi-dung.xlsx', 'xlsx'),
  );
  r.get('/api/users/:id', { schema: { tags, summary: 'One user', params: idParams, response: { 200: user } } }, async (req) =>
    service.getUser(ctxOf(req), req.params.id),
  );
  r.post('/api/users', { schema: { tags, summary: 'Create a user with roles', body: userCreate, response: { 201: user } } }, async (req, reply) =>
    reply.status(201).send(await service.createUser(ctxOf(req), req.body)),
  );
  r.patch(
    '/api/users/:id',
    { schema: { tags, summary: 'Edit a user, their roles, or deactivate (send the version you read)', params: idParams, body: userUpdate, response: { 200: user } } },
    async (req) => service.updateUser(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/users/:id/reset-password',
    { schema: { tags, summary: 'Admin sets a new password; forgets failed logins; ends the user\'s sessions', params: idParams, body: passwordReset, response: { 200: user } } },
    async (req) => service.resetPassword(ctxOf(req), req.params.id, req.body.password, req.body.mustChangePassword),
  );
  r.post(
    '/api/users/:id/unlock',
    { schema: { tags, summary: "Admin lets a user log in again at once: forgets their failed logins on every client", params: idParams, response: { 200: user } } },
    async (req) => service.unlockUser(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/users/import',
    {
      schema: {
        tags,
        summary: 'Import users from .xlsx (multipart field "file"); all or nothing, row-precise errors',
        consumes: ['multipart/form-data'],
        response: {
          200: importResult.extend({ users: z.array(z.object({ username: z.string(), initialPassword: z.string().nullable() })) }),
        },
      },
    },
    async (req) => {
      const upload = await readSingleUpload(req, UPLOAD_LIMITS.import);
      return importUsers(ctxOf(req), upload.buffer);
    },
  );
}

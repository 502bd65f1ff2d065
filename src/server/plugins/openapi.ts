import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI generated from the routes' Zod schemas, browsable at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'ParIndex API',
        description:
          "API of ParIndex, a province's administrative reform index (Chỉ số CCHC). Authenticate with POST /api/auth/login; " +
          'send the `x-csrf-token` header (from /api/auth/csrf or /api/auth/me) on every state-changing request. Errors are ' +
          '`{ error: { code, message, fields } }`.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pi_sid' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}

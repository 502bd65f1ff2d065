# ParIndex server image: the web app and the server bundle, production dependencies only, run as a non-root user.
#   docker build -t parindex .
#   docker run -p 3000:3000 -v parindex-data:/data parindex          # one machine, embedded database in /data
#   docker compose up -d                                              # several instances: see compose.yaml, docs/deploy.md
# The `node` devDependency (a pinned Node 24 for machines whose own Node is older) is not needed here: the base
# image is Node 24, and the prune step below removes it with the other dev dependencies.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    WEB_DIR=/app/dist/web
WORKDIR /app
# What runs: the bundle and the built web app; the sources and tsx for the command line (`npm run cli -- …`).
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/src ./src
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness only (the process answers); load balancers use /api/ready, which also checks the database and storage.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains: /api/ready turns 503, requests in flight finish within SHUTDOWN_GRACE_MS, then the pool closes.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/main.mjs"]

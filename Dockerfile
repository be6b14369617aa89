# Transparent Workshop server: built with dev dependencies, run from dist/ with production ones.
#   docker build -t transparent-workshop .
#   docker run -p 8080:8080 -v workshop-data:/var/lib/workshop \
#     -e PUBLIC_URL=https://workshop.example.com -e API_KEY=… -e SIGNING_KEY=… transparent-workshop
# tests/integration/production-install.test.ts runs the same steps on the host (no image
# registry is reachable where this project is built), and checks the files copied below are
# scripts/dist.mjs's RUNTIME_FILES.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# The browser tests' Chromium is not needed to build (.puppeteerrc.cjs skips its download too).
ENV PUPPETEER_SKIP_DOWNLOAD=true
COPY package.json package-lock.json .puppeteerrc.cjs ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=8080 DATA_DIR=/var/lib/workshop
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY config ./config
COPY scripts/start.mjs scripts/run-built.mjs scripts/dist.mjs ./scripts/
# The image's own "node" user (uid 1000); only the data directory is writable by it.
RUN mkdir -p /var/lib/workshop && chown node:node /var/lib/workshop
USER node
VOLUME /var/lib/workshop
EXPOSE 8080
# 503 while the event store is unavailable (PostgreSQL away, a full disk, the log gone backwards).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# npm start's Node flags (package.json); node itself, not npm, so SIGTERM reaches the server.
CMD ["node", "--max-semi-space-size=64", "--v8-pool-size=0", "scripts/start.mjs"]

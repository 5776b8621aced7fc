# Hookscope team server: `hookscope serve` on PostgreSQL (docs/team.md). Build: docker build -t hookscope .
# Stage 1 builds the bundled CLI (dist/cli.mjs), the web UI and the native SQLite driver; the final
# image holds runtime files only (no sources, no dev dependencies) and runs as the unprivileged "node" user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# the Electron binary is not needed on a server
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOOKSCOPE_DATA_DIR=/data \
    HOOKSCOPE_UI_HOST=0.0.0.0
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist/cli.mjs ./dist/cli.mjs
COPY --from=build /app/dist/cli-chunks ./dist/cli-chunks
COPY --from=build /app/dist/renderer ./dist/renderer
COPY deploy/hookscope.config.json /etc/hookscope/config.json
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8787 8788
# the receiver's /healthz answers 200 once the store is open and the listener is up
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8787/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/hookscope.mjs", "serve", "--config", "/etc/hookscope/config.json", "--receiver-port", "8787", "--ui-port", "8788", "--no-tunnel"]

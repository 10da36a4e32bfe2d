# The bot as a container: built in one stage, run from a slim one as the unprivileged `node` user, with node as PID 1
# (it handles SIGTERM itself: drains, closes the gateway, exits 0). Data and state live on volumes.
#   docker build -t newsdesk-bot . && docker compose up -d        (see compose.yaml and the README)
# CI checks the same runtime layout without a container engine: scripts/check-runtime.ts.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
COPY data/articles ./data/articles
RUN npm run build && scripts/install-runtime.sh /src /app /seed/data

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    STATE_DIR=/state \
    HEALTH_PORT=9464 \
    HEALTH_HOST=0.0.0.0
WORKDIR /app
# The code belongs to root: the bot cannot change it.
COPY --from=build /app /app
# A new named volume starts with what the image holds at its mount point: the bundled articles.
COPY --from=build --chown=node:node /seed/data /data
RUN mkdir /state && chown node:node /state
VOLUME ["/data", "/state"]
USER node
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "dist/src/healthcheck.js"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/src/main.js"]

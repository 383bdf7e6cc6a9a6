# syntax=docker/dockerfile:1
# OrderFlow image: one image for both processes.
#   worker (default): node dist/worker/main.js
#   api:              node dist/api/main.js   (listens on $PORT, default 3000)
# Debian slim, not alpine: the Temporal worker's native core-bridge is built against glibc.
# Node 26 is the Active LTS line since October 2026 (24 is in maintenance); its npm 11 runs `npm ci`
# on this lockfile. Build with --build-arg NODE_IMAGE=node:24-trixie-slim to stay on 24.
ARG NODE_IMAGE=node:26-trixie-slim

# ---- build: install everything, compile TypeScript, then drop devDependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The postinstall hook would pip-install the Temporal dev server/test server; the image
# talks to a real Temporal server instead, so skip it (the hook honours this variable).
ENV ORDERFLOW_SKIP_TEMPORAL_INSTALL=1
# Manifests first so the dependency layer stays cached across source-only changes.
# The postinstall script itself must exist before `npm ci` runs it.
COPY package.json package-lock.json ./
COPY scripts/install-temporal.js ./scripts/
RUN npm ci --no-audit --no-fund
COPY . .
# @temporalio/testing is a regular dependency, so pruning keeps it on purpose.
# core-bridge ships native binaries for macOS and Windows too (~80 MB) that Linux never loads.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && find node_modules/@temporalio/core-bridge/releases -mindepth 1 -maxdepth 1 \
      ! -name '*-unknown-linux-gnu' -exec rm -rf {} +

# ---- runtime ----
FROM ${NODE_IMAGE}
# The Temporal client/worker (Rust core) trusts the system CA store for TLS connections
# (e.g. Temporal Cloud); the slim image ships without one.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
# Files stay root-owned: the app only reads them, so the `node` user cannot modify its own code.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The worker's file outbox defaults to /app/.data/outbox: the one path the app writes to.
# A named volume mounted here starts with this ownership.
RUN mkdir -p /app/.data/outbox && chown -R node:node /app/.data
# 1000:1000 is the image's non-root `node` user; numeric so runtimes enforcing
# runAsNonRoot (e.g. Kubernetes) can verify it without reading /etc/passwd.
USER 1000:1000
# Only used when the container runs the api command.
EXPOSE 3000
CMD ["node", "dist/worker/main.js"]

# syntax=docker/dockerfile:1
# Herald's one image: the API (which serves the web UI), the workers, the migration job and the
# operator CLIs (apps/api/dist/cli). docker-compose.yml picks the process with `command`.
# Everything is compiled here, once: a container only runs `node <file>`, it never installs,
# generates or bundles.
#
# Debian (bookworm-slim), not Alpine: the Temporal SDK's native addon has no musl build.
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true
# pnpm at the version package.json's packageManager names, from the npm registry through npm:
# corepack's bundled signing keys are stale for recent pnpm releases.
RUN npm install -g pnpm@10.34.9

# The manifests first, so that the dependency layer is rebuilt only when they change. Every
# workspace package is listed: pnpm-lock.yaml has an importer for each.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/sandbox/package.json apps/sandbox/
COPY apps/web/package.json apps/web/
COPY apps/worker/package.json apps/worker/
COPY libs/config/package.json libs/config/
COPY libs/contracts/package.json libs/contracts/
COPY libs/db/package.json libs/db/
COPY libs/domain/package.json libs/domain/
COPY libs/ops/package.json libs/ops/
COPY libs/providers/package.json libs/providers/
COPY libs/testing/package.json libs/testing/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN pnpm install --frozen-lockfile

COPY . .
# The Prisma client (offline: docs/decisions/prisma-offline.md), then every package's dist/, the
# workflow bundle that the workers load (apps/worker/dist/workflow-bundle.js) and the web UI the
# API serves at / (apps/web/dist).
RUN node scripts/db/generate.mjs --force \
 && node scripts/build.mjs \
 && test -s apps/worker/dist/workflow-bundle.js \
 && test -f apps/web/dist/index.html \
 && test -f apps/api/dist/main.js \
 && test -d apps/api/dist/cli
# What runs is dist/, node_modules, prisma/ and scripts/db (the migration job): drop the sources,
# the tests and the end-to-end suite. node_modules keeps its dev dependencies because the
# migration job uses root ones (@prisma/schema-engine-wasm, @prisma/adapter-pg, pg).
RUN rm -rf apps/*/src libs/*/src e2e/*.ts e2e/fixtures docs .ci \
 && find apps libs -name '*.tsbuildinfo' -delete

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
# Uploaded media live on a volume mounted here; a new named volume takes this owner.
RUN mkdir -p /data/uploads && chown node:node /data/uploads
# The image's built-in unprivileged user (uid 1000); /app stays root-owned, read-only to it.
USER node
EXPOSE 3000
CMD ["node", "apps/api/dist/main.js"]

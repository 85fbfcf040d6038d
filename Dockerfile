# Herald's product image: the API, the workers and the migration tool, from one build.
# docker build -t herald . ; the compose file picks the process with `command`.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
ENV CI=true COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN npm install -g pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/sandbox/package.json apps/sandbox/
COPY libs/domain/package.json libs/domain/
COPY libs/contracts/package.json libs/contracts/
COPY libs/config/package.json libs/config/
COPY libs/db/package.json libs/db/
COPY libs/providers/package.json libs/providers/
COPY libs/testing/package.json libs/testing/
COPY e2e/package.json e2e/
RUN pnpm install --frozen-lockfile
COPY . .
RUN node scripts/db/generate.mjs && node scripts/build.mjs

FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
# The workflow code is bundled at build time (apps/worker/dist/workflow-bundle.js): a worker polls
# within seconds of starting instead of running webpack first.
USER node
EXPOSE 3000
CMD ["node", "apps/api/dist/main.js"]

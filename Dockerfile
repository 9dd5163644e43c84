# One image for every service of the stack; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm-slim
WORKDIR /app
# Services run their TypeScript through tsx (a devDependency; `npm start` runs an esbuild bundle of the
# same entry, scripts/build.ts): install everything.
# The compose stack is the development stack (simulators, dev issuer); a production deployment sets
# NODE_ENV=production and its secrets (AUDIT_HASH_SECRET, CACHE_KEY_SECRET, RATE_LIMIT_KEY_SECRET) per service.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The audit trail's default sink is a file under the working directory.
RUN mkdir -p /app/audit && chown node /app/audit
USER node
# Overridden per service in docker-compose.yml.
CMD ["node", "--import", "tsx", "gateway/src/main.ts"]

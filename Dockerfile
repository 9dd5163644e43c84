# One image for every service of the stack; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
USER node
# Overridden per service in docker-compose.yml.
CMD ["node", "--import", "tsx", "gateway/src/main.ts"]

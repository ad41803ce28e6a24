# Mesa de Ayuda — the service image. Multi-stage: native modules (better-sqlite3, argon2) are
# built and the TypeScript is compiled in the build stage; the runtime stage has no compiler, no
# dev dependencies, and runs the compiled JavaScript as the unprivileged `node` user.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && rm -rf src

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
# Argon2id's 19 MiB buffers come from glibc malloc; above this size they are mmapped and given back
# when freed, instead of staying in each libuv thread's arena (about 76 MB kept after a few logins).
ENV MALLOC_MMAP_THRESHOLD_=1048576
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The CLI is in the image too: docker compose exec service node --heap-growing-percent=50 dist/cli.js rebuild
CMD ["node", "--heap-growing-percent=50", "dist/server.js"]

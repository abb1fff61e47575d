# Small-Cap Market Tracker — one bot process. Build: docker build -t tracker .
# Needs a store shared by every replica: STORE_URL=postgres://… (see compose.yaml).
FROM node:22-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# sqlite3 (the embedded default store) builds from source: this stage has python3, make and g++.
RUN npm ci --omit=dev --no-audit --no-fund

# Compile the bot into dist/ as `npm start` does (scripts/build.mjs, esbuild is a runtime dependency),
# so the container starts plain JavaScript instead of transpiling TypeScript through tsx on every start.
FROM deps AS build
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
RUN node scripts/build.mjs

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production OPS_HOST=0.0.0.0 OPS_PORT=9464
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
# The build resolves config/default.json and data/real-tickers.txt at /app (where it ran), so both stay there.
COPY config ./config
COPY data ./data
USER node
EXPOSE 9464 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+process.env.OPS_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# dist/ is built for this image: run it directly (no staleness check, no fallback to tsx); stack traces name the .ts sources.
CMD ["node", "--enable-source-maps", "dist/main.js"]

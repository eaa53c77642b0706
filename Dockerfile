# mamori's container image: built on Node 20, run on a distroless Node base as a non-root user.
# docker build -t ghcr.io/mamori-dev/mamori:0.1.0 .
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the prepare script compiles, and the sources are not copied yet.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY bin ./bin
# The same numeric user the manifests run as (runAsUser: 10001), so volume permissions agree.
USER 10001:10001
ENV NODE_ENV=production
EXPOSE 8443
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/mamori.js"]
CMD ["serve", "--self-signed"]

# syntax=docker/dockerfile:1
# mamori's container images: built and run on Node 24 (LTS, maintained until April 2028), on a distroless base as a non-root user.
#   docker build -t ghcr.io/mamori-dev/mamori:0.1.0 .                                # every command (audit needs the Kubernetes client)
#   docker build --target webhook -t ghcr.io/mamori-dev/mamori-webhook:0.1.0 .      # `serve` only, without the Kubernetes client
# The base images are named by tag: their digests could not be looked up where this file was written (no registry
# access), and an invented digest would only break the build. Pin them for a release with the digests of the day
# (docker buildx imagetools inspect IMAGE prints them):
#   --build-arg NODE_BUILD_IMAGE=node:24-bookworm-slim@sha256:… --build-arg NODE_RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot@sha256:…
ARG NODE_BUILD_IMAGE=node:24-bookworm-slim
ARG NODE_RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot

FROM ${NODE_BUILD_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the prepare script compiles, and the sources are not copied yet.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# The webhook never talks to the API server: the same tree without @kubernetes/client-node and what only it pulls in
# (86 MB of node_modules become 13 MB). audit, rbac --cluster and versions --cluster say so and exit 2 there.
FROM build AS webhook-deps
RUN npm uninstall --omit=dev --ignore-scripts --no-audit --no-fund @kubernetes/client-node

FROM ${NODE_RUNTIME_IMAGE} AS webhook
WORKDIR /app
COPY --from=webhook-deps /src/package.json ./package.json
COPY --from=webhook-deps /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY bin ./bin
# The same numeric user the manifests run as (runAsUser: 10001), so volume permissions agree.
USER 10001:10001
ENV NODE_ENV=production
EXPOSE 8443
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/mamori.js"]
CMD ["serve", "--self-signed"]

# The default target: every command, including the audit (deploy/audit runs it).
FROM ${NODE_RUNTIME_IMAGE} AS full
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY bin ./bin
USER 10001:10001
ENV NODE_ENV=production
EXPOSE 8443
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/mamori.js"]
CMD ["serve", "--self-signed"]

# sisl-gateway: REST/JSON, SPID/CIE, sessions and the web pages (docs/gateway.md).
# Built from the repository root (its .dockerignore keeps build trees out of the context):
#   deploy/images/build.sh gateway        (podman; the bases come from Debian packages: bases.sh)
# Runs as uid 10001 on a read-only root filesystem (nothing is written but to stdout);
# configuration by SISL_<PATH> environment variables over /etc/sisl/gateway.yaml, keys and
# secrets mounted by the platform (docs/keys.md), never baked in.
ARG BUILDER=localhost/sisl-builder:bookworm
ARG RUNTIME=localhost/sisl-runtime:bookworm

FROM ${BUILDER} AS build
WORKDIR /src
COPY . .
# The same CMake target as ./sisl build; ccache survives between image builds.
RUN --mount=type=cache,target=/root/.ccache \
    cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null \
    && ninja -C /build sisl-gateway \
    && strip --strip-debug /build/gateway/sisl-gateway
# The web pages (Bootstrap Italia and Chart.js from npm, served from our own origin).
WORKDIR /src/gateway/web
# The host's CA bundle, when build.sh passes it (a registry behind a TLS-inspecting proxy).
RUN --mount=type=secret,id=ca_bundle,required=false \
    NODE_EXTRA_CA_CERTS=/run/secrets/ca_bundle npm ci --no-audit --no-fund && node build.mjs

FROM ${RUNTIME}
COPY --from=build /build/gateway/sisl-gateway /usr/local/bin/sisl-gateway
COPY deploy/config/gateway.yaml /etc/sisl/gateway.yaml
COPY --from=build /src/gateway/web/dist /usr/share/sisl/web
ENV SISL_GATEWAY_WEB_DIR=/usr/share/sisl/web \
    SISL_GATEWAY_HTTP_ADDRESS=0.0.0.0:8080
ENV SISL_SERVICE_GRPC_ADDRESS=0.0.0.0:50071 \
    SISL_SERVICE_HTTP_ADDRESS=0.0.0.0:9171
USER 10001:10001
EXPOSE 50071 9171 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:9171/readyz"]
ENTRYPOINT ["/usr/local/bin/sisl-gateway", "--config", "/etc/sisl/gateway.yaml"]

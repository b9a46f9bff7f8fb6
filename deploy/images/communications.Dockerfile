# sisl-communications: mandatory employment communications (docs/communications.md).
# Built from the repository root (its .dockerignore keeps build trees out of the context):
#   deploy/images/build.sh communications        (podman; the bases come from Debian packages: bases.sh)
# Runs as uid 10001 on a read-only root filesystem (nothing is written but to stdout);
# configuration by SISL_<PATH> environment variables over /etc/sisl/communications.yaml, keys and
# secrets mounted by the platform (docs/keys.md), never baked in.
ARG BUILDER=localhost/sisl-builder:bookworm
ARG RUNTIME=localhost/sisl-runtime:bookworm

FROM ${BUILDER} AS build
WORKDIR /src
COPY . .
# The same CMake target as ./sisl build; ccache survives between image builds.
RUN --mount=type=cache,target=/root/.ccache \
    cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null \
    && ninja -C /build sisl-communications \
    && strip --strip-debug /build/services/communications/sisl-communications

FROM ${RUNTIME}
COPY --from=build /build/services/communications/sisl-communications /usr/local/bin/sisl-communications
COPY deploy/config/communications.yaml /etc/sisl/communications.yaml
ENV SISL_SERVICE_GRPC_ADDRESS=0.0.0.0:50063 \
    SISL_SERVICE_HTTP_ADDRESS=0.0.0.0:9163
USER 10001:10001
EXPOSE 50063 9163
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:9163/readyz"]
ENTRYPOINT ["/usr/local/bin/sisl-communications", "--config", "/etc/sisl/communications.yaml"]

# sisl-booking: offices, calendars and appointments (docs/booking.md).
# Built from the repository root (its .dockerignore keeps build trees out of the context):
#   deploy/images/build.sh booking        (podman; the bases come from Debian packages: bases.sh)
# Runs as uid 10001 on a read-only root filesystem (nothing is written but to stdout);
# configuration by SISL_<PATH> environment variables over /etc/sisl/booking.yaml, keys and
# secrets mounted by the platform (docs/keys.md), never baked in.
ARG BUILDER=localhost/sisl-builder:bookworm
ARG RUNTIME=localhost/sisl-runtime:bookworm

FROM ${BUILDER} AS build
WORKDIR /src
COPY . .
# The same CMake target as ./sisl build; ccache survives between image builds.
RUN --mount=type=cache,target=/root/.ccache \
    cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null \
    && ninja -C /build sisl-booking \
    && strip --strip-debug /build/services/booking/sisl-booking

FROM ${RUNTIME}
COPY --from=build /build/services/booking/sisl-booking /usr/local/bin/sisl-booking
COPY deploy/config/booking.yaml /etc/sisl/booking.yaml
ENV SISL_SERVICE_GRPC_ADDRESS=0.0.0.0:50061 \
    SISL_SERVICE_HTTP_ADDRESS=0.0.0.0:9161
USER 10001:10001
EXPOSE 50061 9161
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:9161/readyz"]
ENTRYPOINT ["/usr/local/bin/sisl-booking", "--config", "/etc/sisl/booking.yaml"]

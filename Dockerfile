# The coordmap server as a container image (docs/OPERATIONS.md, "Container image").
#
#   docker build -t coordmap .
#   docker run -p 8080:8080 -e COORDMAP_DATABASE_URL=postgres://... -e COORDMAP_JWT_SECRET=... coordmap
#
# Two stages: the release binary is built with the Rust toolchain image, then copied alone (with
# the CA certificates) onto a slim Debian image of the same release, run as an unprivileged user.

# The toolchain CI builds and tests with (the crates need 1.89 or newer).
ARG RUST_IMAGE=rust:1.95-slim-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${RUST_IMAGE} AS build
WORKDIR /src
# The manifests and sources of every workspace crate; .dockerignore keeps target/ and the rest
# out of the context. Nothing is downloaded but the crates Cargo.lock pins.
COPY . .
RUN cargo build --release --locked --bin coordmap \
    && install -D -m 0755 target/release/coordmap /out/coordmap

FROM ${RUNTIME_IMAGE} AS runtime
# The CA bundle, for a database or Redis reached over TLS; nothing else is installed.
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/coordmap /usr/local/bin/coordmap
# An unprivileged user, and a directory of its own for a SQLite database (the default URL,
# sqlite://coordmap.db, is relative to it).
RUN groupadd --system --gid 10001 coordmap \
    && useradd --system --uid 10001 --gid coordmap --home-dir /data --shell /usr/sbin/nologin coordmap \
    && mkdir -p /data && chown coordmap:coordmap /data
USER 10001:10001
WORKDIR /data
ENV COORDMAP_BIND=0.0.0.0:8080 \
    COORDMAP_LOG_FORMAT=json
EXPOSE 8080
# Ready: the database answers and every migration is applied. The image has no HTTP client, so
# bash (in the base image) asks /readyz over its /dev/tcp; the port is COORDMAP_BIND's.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${COORDMAP_BIND##*:} && printf 'GET /readyz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGTERM (the default stop signal) finishes the requests in progress, for up to 30 s: give
# `docker stop` that long (`--time 35`, compose's stop_grace_period).
ENTRYPOINT ["/usr/local/bin/coordmap"]
CMD ["serve"]

# syntax=docker/dockerfile:1
# Build a static strata binary, then run it as a non-root user with the
# archive on a volume. Works for one-off commands and for scheduled runs:
#   docker build -t strata .
#   docker run --rm -v strata-data:/data strata archive https://example.org/post/
#   docker run --rm -v strata-data:/data strata export --format jsonl > snapshots.jsonl
# A config file is optional; mount one at /config/strata/strata.toml.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/strata ./cmd/strata \
 && mkdir -p /out/data /out/config/strata

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/strata /usr/local/bin/strata
COPY --from=build --chown=65532:65532 /out/data /data
COPY --from=build --chown=65532:65532 /out/config /config
ENV STRATA_DB=/data/archive.db \
    XDG_CONFIG_HOME=/config
VOLUME ["/data"]
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/strata"]
CMD ["--help"]

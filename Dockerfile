# syntax=docker/dockerfile:1
# Build a static strata binary, then run it as a non-root user with the
# archive on a volume. Works for one-off commands and for scheduled runs:
#   docker build -t strata .
#   docker run --rm -v strata-data:/data strata archive https://example.org/post/
#   docker run --rm -v strata-data:/data strata export --format jsonl > snapshots.jsonl
#   docker run --rm -v strata-data:/data -v $PWD/strata.toml:/config/strata/strata.toml:ro strata crawl
#   docker run -d -v strata-data:/data -v $PWD/strata.toml:/config/strata/strata.toml:ro strata schedule
# A config file is optional for archive and export; crawl and schedule need its
# [[site]] tables: mount one at /config/strata/strata.toml. schedule runs until
# SIGTERM (docker stop), which lets running crawls finish (--grace, 30s: give
# docker stop -t 40). Cron expressions follow TZ (the binary embeds the zone data).
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# timetzdata embeds the zone data, so that TZ and CRON_TZ work whatever the base image.
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata -ldflags="-s -w" -o /out/strata ./cmd/strata \
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

# config-api container image, for Docker users: the same image scripts/build-image makes without
# a Docker engine (and which the tests run) — the static-stdlib release binary, libyaml-0-2,
# libgit2-1.5 and ca-certificates from Debian bookworm, ssh-keygen and gpg for `--sign`, user
# config-api (10001:10001) with its home, entrypoint config-api, the OCI labels. Differences:
# this one starts from debian:bookworm-slim, so it also has a shell, apt and dpkg, and the
# signing packages come with all their files and dependencies; scripts/build-image takes only
# the packages' files it needs (`scripts/build-image packages` lists them).
#
#   docker build --build-arg VERSION=0.1.0 --build-arg REVISION="$(git rev-parse HEAD)" \
#       --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" -t config-api:0.1.0 .
#
# Base images are fully qualified (podman and buildah refuse short names). The runtime packages
# below are checked against what the binary links, and against the libgit2 soname git commands
# load on first use, by `swift test --filter RuntimePackagesTests`.

# --- build ---------------------------------------------------------------------------------
FROM docker.io/library/swift:6.3.1-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libyaml-dev libgit2-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The manifest names the test targets too, so their folders must exist (.dockerignore keeps
# .build and .git out).
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
# The Swift runtime and Foundation are linked statically: the runtime image needs only the
# C libraries below.
RUN swift build -c release --product config-api --static-swift-stdlib \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/config-api" /out/config-api

# --- runtime -------------------------------------------------------------------------------
FROM docker.io/library/debian:bookworm-slim
ARG VERSION=unknown
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=https://github.com/injunweb/config-api
LABEL org.opencontainers.image.title="config-api" \
      org.opencontainers.image.description="Byte-exact edits of GitOps project files, pushed exactly once" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}"
RUN apt-get update \
    && apt-get install -y --no-install-recommends libyaml-0-2 libgit2-1.5 ca-certificates \
        openssh-client gpg gpg-agent gpgconf \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 config-api \
    && useradd --uid 10001 --gid 10001 --create-home --home-dir /home/config-api \
        --shell /usr/sbin/nologin config-api
COPY --from=build /out/config-api /usr/local/bin/config-api
ENV HOME=/home/config-api
USER 10001:10001
WORKDIR /home/config-api
ENTRYPOINT ["config-api"]
CMD ["--help"]

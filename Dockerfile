# config-api container image: the `update-config` step of the Argo WorkflowTemplate
# (deploy/argo/workflow-template.yaml) runs it with `apply --remote …`.
#
# Not built on the development machines (they have no Docker engine); see deploy/README.md.
# The runtime packages below are checked against what the binary links by
# `swift test --filter RuntimePackagesTests`.

# --- build ---------------------------------------------------------------------------------
FROM swift:6.3.1-bookworm AS build
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
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libyaml-0-2 libgit2-1.5 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --create-home --home-dir /home/config-api config-api
COPY --from=build /out/config-api /usr/local/bin/config-api
USER 10001:10001
WORKDIR /home/config-api
ENTRYPOINT ["config-api"]
CMD ["--help"]

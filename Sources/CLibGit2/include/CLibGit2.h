#ifndef CONFIG_API_CLIBGIT2_H
#define CONFIG_API_CLIBGIT2_H
/* libgit2's API for GitOps, without linking libgit2: LibGit2Loader.c defines each function
 * GitOps calls as a forwarder that loads libgit2 on first use, so only git commands pay for
 * loading it (and its TLS and SSH stack). */
#include <git2.h>
#include <git2/sys/stream.h>

/* Loads "libgit2.so.<LIBGIT2_SOVERSION>" (the library these headers belong to), once per
 * process; returns NULL when it is loaded, else the dynamic loader's message. Call it before
 * any libgit2 function: a forwarder that finds no library aborts the process. */
const char *config_api_libgit2_load(void);

/* Variadic git_libgit2_opts cannot be called from Swift: one fixed-arity wrapper per option used.
 * Where libgit2 looks for the config files of `level` (GIT_CONFIG_LEVEL_SYSTEM, _XDG, _GLOBAL). */
int config_api_set_config_search_path(git_config_level_t level, const char *path);

/* A TCP stream config-api registers as libgit2's GIT_STREAM_STANDARD (plain sockets, under TLS
 * and SSH too). The first four members repeat libgit2's private git_socket_stream exactly: its
 * SSH transport hands `socket` to libssh2, which then reads and writes the descriptor itself
 * (`host` and `port` stay NULL: nothing outside the stream reads them). `context` is
 * config-api's own state for the stream. */
typedef struct {
    git_stream parent;
    char *host;
    char *port;
    int socket;
    void *context;
} config_api_socket_stream;
#endif

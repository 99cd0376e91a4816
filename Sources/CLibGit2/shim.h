#ifndef CONFIG_API_CLIBGIT2_SHIM_H
#define CONFIG_API_CLIBGIT2_SHIM_H
#include <git2.h>
/* Variadic git_libgit2_opts cannot be called from Swift: one static inline wrapper per option used. */

/* Where libgit2 looks for the config files of `level` (GIT_CONFIG_LEVEL_SYSTEM, _XDG, _GLOBAL):
 * the test suites point them at an empty folder so no machine-wide git config leaks in. */
static inline int config_api_set_config_search_path(git_config_level_t level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, (int)level, path);
}
#endif

#ifndef CONFIG_API_CLIBGIT2_SHIM_H
#define CONFIG_API_CLIBGIT2_SHIM_H
#include <git2.h>
/* Variadic git_libgit2_opts cannot be called from Swift: one static inline wrapper per option used. */
#endif

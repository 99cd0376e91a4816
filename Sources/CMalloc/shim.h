#ifndef CONFIG_API_CMALLOC_SHIM_H
#define CONFIG_API_CMALLOC_SHIM_H
/* glibc's allocator settings (mallopt), which the Glibc module does not bring in. */
#if defined(__linux__)
#include <malloc.h>
#endif
#endif

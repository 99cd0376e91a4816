#ifndef CONFIG_API_CYAML_SHIM_H
#define CONFIG_API_CYAML_SHIM_H
#include <yaml.h>
#endif

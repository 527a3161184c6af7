/* The echo plugin's descriptor, for hosts that link it in as a builtin. */
#ifndef SEAM_EXAMPLES_ECHO_H
#define SEAM_EXAMPLES_ECHO_H

#include <seam/seam.h>

#ifdef __cplusplus
extern "C" {
#endif

extern const seam_plugin_descriptor seam_echo_plugin;

#ifdef __cplusplus
}
#endif

#endif

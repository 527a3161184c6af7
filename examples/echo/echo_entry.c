/* The entry point of the standalone echo plugin file; a host that links echo in uses
 * seam_echo_plugin directly instead. */
#include "echo.h"

SEAM_PLUGIN(&seam_echo_plugin)

// seam.h as C++: the same translation unit as seam_h_use.c, compiled by a C++ compiler, so every
// construct a plugin author copies from C also compiles in C++ (and the extern "C" wrapping holds).
#include "seam_h_use.c"

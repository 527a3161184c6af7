// Compiles the frozen v1 layout asserts into the loader: the loader cannot build against a seam.h
// whose structs no longer match what v1 plugins were compiled with.
#include "abi_layout_v1.hpp"

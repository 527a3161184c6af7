// Marks what the shared loader library (libseam-loader) exports: the public API and nothing else.
// Everything else is hidden. Hosts linking the static library define SEAM_LOADER_STATIC (the
// Seam::loader_static target does it for them).
#pragma once

#if defined(SEAM_LOADER_STATIC)
#define SEAM_LOADER_EXPORT
#elif defined(_WIN32)
#if defined(SEAM_LOADER_BUILDING)
#define SEAM_LOADER_EXPORT __declspec(dllexport)
#else
#define SEAM_LOADER_EXPORT __declspec(dllimport)
#endif
#else
#define SEAM_LOADER_EXPORT __attribute__((visibility("default")))
#endif

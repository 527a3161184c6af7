"""Check new-plugins, the other direction of old-plugins: new-plugin/new_plugin.c, built against
TODAY's seam.h by gcc, clang and tcc, runs on new-plugin/v1_host.c, a host built from the FROZEN v1
header whose structs end on an unreadable page. The plugin uses every member API 1 step 1 appended,
behind SEAM_HAS_FIELD; on the v1 host those features must be simply absent (no crash, no read past
a v1 struct). Twins: the same plugin refusing registration must be refused cleanly, and a variant
that reads is_cancelled without SEAM_HAS_FIELD must crash the v1 host (so the guard pages work)."""
from pathlib import Path

from frozen import frozen_headers
from tools import CheckFailed, indent, require, run, run_or_fail, say

ABI_CHECK_DIR = Path(__file__).resolve().parent.parent
PLUGIN = ABI_CHECK_DIR / "new-plugin" / "new_plugin.c"
HOST = ABI_CHECK_DIR / "new-plugin" / "v1_host.c"

FLAGS = {
    "gcc": ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared",
            "-fvisibility=hidden"],
    "clang": ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared",
              "-fvisibility=hidden"],
    "tcc": ["-Wall", "-Werror", "-shared"],
}

# (label, defines, v1_host mode, whether the host must succeed)
VARIANTS = [
    ("", [], "accept", True),
    ("-refuses", ["-DNEW_PLUGIN_REFUSES"], "refuse", True),
    ("-unguarded", ["-DNEW_PLUGIN_UNGUARDED"], "accept", False),
]


def build_host(frozen_dir: Path, work: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    exe = work / f"v1_host-{frozen_dir.name}"
    run_or_fail([require("gcc", "gcc"), "-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror",
                 "-I", frozen_dir, HOST, "-o", exe, "-ldl"],
                f"v1_host does not build against {frozen_dir.name}")
    return exe


def check(include: Path, work: Path) -> None:
    for version, frozen_header in frozen_headers().items():
        host = build_host(frozen_header.parent, work)
        for compiler, flags in FLAGS.items():
            tool = require(compiler, compiler)
            for suffix, defines, mode, must_pass in VARIANTS:
                label = f"new-{compiler}{suffix}-on-v{version}"
                plugin = work / f"{label}.so"
                run_or_fail([tool, *flags, *defines, "-I", include, PLUGIN, "-o", plugin],
                            f"new_plugin.c does not build with {compiler} against today's seam.h")
                result = run([host, plugin, mode])
                passed = result.returncode == 0
                if passed != must_pass:
                    raise CheckFailed(
                        f"{label}: the v1 host {'failed' if must_pass else 'did not fail'} "
                        f"(exit {result.returncode}):\n" + indent(result.output)
                        + ("" if must_pass else "\n    the guard pages no longer catch a read "
                           "past a v1 struct, so this check proves nothing"))
                say(f"ok   {label}: " + ("works, the new members absent" if must_pass and
                                         mode == "accept" else
                                         "refused cleanly" if must_pass else
                                         "crashes as it must (unguarded read past a v1 struct)"))

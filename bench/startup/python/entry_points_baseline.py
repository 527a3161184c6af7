"""The seeds' own plugin mechanism, measured for comparison with Seam (figure (h)).

N pure-Python plugins equivalent to the benchmark's C plugins (each registers two backends and a
model lister) are installed in a site directory and found the way Pipelex and AIPerf find theirs:
importlib.metadata entry points, then import, then register.

    entry_points_baseline.py generate SITE N LAYOUT   # LAYOUT: one-dist | dist-per-plugin
    entry_points_baseline.py measure SITE N           # prints a JSON object with the seconds

"one-dist" is one distribution whose entry_points.txt names all N plugins; "dist-per-plugin" is N
distributions of one plugin each, which is how independently installed plugins really look.
measure is meant to run in a fresh interpreter (python3 -I), one per sample.
"""
import json
import os
import shutil
import sys
import time

GROUP = "seam_bench.plugins"
FORMAT = "1"  # bump when the generated files change, so stale sets are rebuilt

MODULE = '''\
"""Generated plugin {name}: two backends and a model lister, like the benchmark's C plugin."""


def make_worker(args):
    return None


def list_models(args):
    return [{{"id": "{name}", "family": "llm"}}]


def register(registrar):
    registrar.add_inference_backend("llm", "{name}", make_worker)
    registrar.add_inference_backend("search", "{name}", make_worker)
    registrar.add_model_lister("{name}", list_models)
'''


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_dist(site, dist, modules):
    info = os.path.join(site, f"{dist.replace('-', '_')}-1.0.0.dist-info")
    os.makedirs(info)
    write(os.path.join(info, "METADATA"), f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0.0\n")
    lines = [f"{name} = {module}:register" for name, module in modules]
    write(os.path.join(info, "entry_points.txt"), f"[{GROUP}]\n" + "\n".join(lines) + "\n")


def generate(site, n, layout):
    stamp = os.path.join(site, "stamp")
    key = f"{FORMAT} {n} {layout}"
    if os.path.exists(stamp) and open(stamp, encoding="utf-8").read() == key:
        return
    shutil.rmtree(site, ignore_errors=True)
    os.makedirs(site)
    width = max(5, len(str(n - 1)))
    plugins = []
    for i in range(n):
        ident = f"{i:0{width}d}"
        name, module = f"bench-{ident}", f"seam_bench_plugin_{ident}"
        write(os.path.join(site, module + ".py"), MODULE.format(name=name))
        plugins.append((name, module))
    if layout == "one-dist":
        write_dist(site, "seam-bench-plugins", plugins)
    else:
        for name, module in plugins:
            write_dist(site, f"seam-bench-plugin-{name[len('bench-'):]}", [(name, module)])
    write(stamp, key)


class CountingRegistrar:
    """The Python twin of the eager floor's registrar: it only counts."""

    def __init__(self):
        self.backends = 0
        self.listers = 0

    def add_inference_backend(self, family, sdk, make_worker):
        self.backends += 1

    def add_model_lister(self, sdk, list_models):
        self.listers += 1


def measure(site, n):
    sys.path.insert(0, site)
    started, started_cpu = time.perf_counter(), time.process_time()
    from importlib.metadata import entry_points  # part of the mechanism's cost

    registrar = CountingRegistrar()
    for entry_point in entry_points(group=GROUP):
        entry_point.load()(registrar)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu
    if registrar.backends != 2 * n or registrar.listers != n:
        sys.exit(f"registered {registrar.backends} backends and {registrar.listers} listers")
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "backends": registrar.backends,
                      "listers": registrar.listers, "python": sys.version.split()[0]}))


def main(argv):
    if len(argv) == 5 and argv[1] == "generate" and argv[4] in ("one-dist", "dist-per-plugin"):
        generate(argv[2], int(argv[3]), argv[4])
    elif len(argv) == 4 and argv[1] == "measure":
        measure(argv[2], int(argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)

#include "python_baseline.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "child_process.hpp"
#include "timing.hpp"

namespace seam::bench {

namespace {

// The interpreter python3 really runs: a pyenv shim would add its own start-up to every sample.
std::string real_interpreter(const BenchConfig& config) {
  if (!config.python.empty()) return config.python;
  ChildOptions options;
  options.capture_stdout = true;
  ChildResult r = run_child({"python3", "-c", "import sys; print(sys.executable)"}, options);
  if (r.exit_code != 0) return "";
  while (!r.out.empty() && (r.out.back() == '\n' || r.out.back() == '\r')) r.out.pop_back();
  return r.out;
}

PythonLayoutFigures measure_layout(const BenchConfig& config, const std::string& python,
                                   const std::string& layout, std::string& version) {
  const std::string n = std::to_string(config.plugins);
  const std::string site = (config.work_dir / ("python-" + n) / layout / "site").string();
  const std::string script = config.python_script.string();
  if (run_child({python, script, "generate", site, n, layout}).exit_code != 0) {
    throw std::runtime_error("generating the Python plugins failed");
  }
  ChildOptions options;
  options.capture_stdout = true;
  const std::vector<std::string> measure{python, "-I", script, "measure", site, n};
  std::vector<Sample> in_process, process;
  // One untimed run first: it writes the __pycache__ files, as an installed package has them.
  for (int i = 0; i <= config.repetitions; ++i) {
    ChildResult r = run_child(measure, options);
    if (r.exit_code != 0) throw std::runtime_error("the Python baseline failed (" + layout + ")");
    auto answer = nlohmann::json::parse(r.out);
    version = answer.at("python").get<std::string>();
    if (i == 0) continue;
    in_process.push_back(
        Sample{answer.at("seconds").get<double>(), answer.at("cpu_seconds").get<double>()});
    process.push_back(r.time);
  }
  return PythonLayoutFigures{median(in_process), median(process)};
}

}  // namespace

PythonFigures measure_python(const BenchConfig& config) {
  PythonFigures figures;
  const std::string python = real_interpreter(config);
  if (python.empty()) {
    figures.why_not = "python3 was not found";
    return figures;
  }
  figures.one_dist = measure_layout(config, python, "one-dist", figures.version);
  figures.dist_per_plugin = measure_layout(config, python, "dist-per-plugin", figures.version);
  figures.available = true;
  return figures;
}

}  // namespace seam::bench

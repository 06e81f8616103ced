#include "faults.h"

#include <algorithm>

#include "base/error.h"
#include "base/strings.h"

namespace kta {

namespace {

const std::set<std::string> kKinds = {"429", "500", "503", "drop", "drop-after", "delay"};

std::regex compile(const std::string& key, const std::string& value) {
  try {
    return std::regex(value, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    throw ks::Error("--faults: " + key + "=" + value + " is not a valid regular expression");
  }
}

long long number(const std::string& key, const std::string& value) {
  try {
    size_t used = 0;
    long long n = std::stoll(value, &used);
    if (used == value.size() && n >= 0) return n;
  } catch (const std::exception&) {
  }
  throw ks::Error("--faults: " + key + "=" + value + " must be a non-negative integer");
}

}  // namespace

FaultSpec parse_fault_spec(const std::string& text) {
  FaultSpec spec;
  spec.text = text;
  for (const auto& raw : ks::str::split(text, ',')) {
    std::string item = ks::str::trim(raw);
    if (item.empty()) continue;
    auto eq = item.find('=');
    if (eq == std::string::npos) {
      throw ks::Error("--faults: \"" + item +
                      "\" is not key=value (see tests/apiserver/README.md)");
    }
    std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "rate") {
      try {
        spec.rate = std::stod(value);
      } catch (const std::exception&) {
        spec.rate = -1;
      }
      if (spec.rate < 0 || spec.rate > 1) throw ks::Error("--faults: rate must be between 0 and 1");
    } else if (key == "kinds") {
      spec.kinds = ks::str::split(value, '+');
      for (const auto& k : spec.kinds) {
        if (!kKinds.count(k)) {
          throw ks::Error("--faults: unknown kind \"" + k +
                          "\" (use 429, 500, 503, drop, drop-after, delay)");
        }
      }
    } else if (key == "delay-ms") {
      spec.delay_ms = static_cast<int>(number(key, value));
    } else if (key == "seed") {
      spec.seed = static_cast<unsigned long long>(number(key, value));
    } else if (key == "max") {
      spec.max = static_cast<long>(number(key, value));
    } else if (key == "methods") {
      for (const auto& m : ks::str::split(value, '+')) {
        std::string upper = m;
        std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
        spec.methods.insert(upper);
      }
    } else if (key == "path") {
      spec.path = compile(key, value);
    } else if (key == "fail-name") {
      spec.fail_name = compile(key, value);
    } else if (key == "faults-discovery") {
      spec.discovery = value == "true" || value == "1";
    } else {
      throw ks::Error("--faults: unknown key \"" + key + "\" (see tests/apiserver/README.md)");
    }
  }
  return spec;
}

Faults::Faults(FaultSpec spec) {
  set(std::move(spec));
}

void Faults::set(FaultSpec spec) {
  std::lock_guard<std::mutex> lock(mutex_);
  rng_.seed(spec.seed ? *spec.seed : std::random_device{}());
  spec_ = std::move(spec);
  injected_ = 0;
}

std::string Faults::text() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return spec_.text;
}

FaultDecision Faults::decide(const std::string& method, const std::string& path, bool discovery,
                             const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (discovery && !spec_.discovery) return {};
  bool write = method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
  if (write && spec_.fail_name && !name.empty() && std::regex_search(name, *spec_.fail_name)) {
    return {"500", 0};
  }
  if (spec_.rate <= 0 || spec_.kinds.empty()) return {};
  if (spec_.max >= 0 && injected_ >= spec_.max) return {};
  if (!spec_.methods.empty() && !spec_.methods.count(method)) return {};
  if (spec_.path && !std::regex_search(path, *spec_.path)) return {};
  std::uniform_real_distribution<double> roll(0, 1);
  if (roll(rng_) >= spec_.rate) return {};
  std::uniform_int_distribution<size_t> pick(0, spec_.kinds.size() - 1);
  ++injected_;
  return {spec_.kinds[pick(rng_)], spec_.delay_ms};
}

}  // namespace kta

#include "options.h"

#include "base/error.h"

namespace kta {

const char* const kUsage =
    "usage: ks-test-apiserver --listen 127.0.0.1:0 --write-kubeconfig FILE --context NAME\n"
    "                         [--token T] [--faults SPEC] [--crd-establish-delay-ms N]\n"
    "                         [--extra-context NAME]...\n";

namespace {

int to_int(const std::string& flag, const std::string& value) {
  try {
    size_t used = 0;
    int n = std::stoi(value, &used);
    if (used == value.size() && n >= 0) return n;
  } catch (const std::exception&) {
  }
  throw ks::Error(flag + " " + value + ": expected a non-negative integer", 2);
}

}  // namespace

Options parse_options(const std::vector<std::string>& args) {
  Options o;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::string value;
    auto eq = flag.find('=');
    bool inline_value = flag.rfind("--", 0) == 0 && eq != std::string::npos;
    if (inline_value) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    }
    auto next = [&]() -> std::string {
      if (inline_value) return value;
      if (i + 1 >= args.size()) throw ks::Error(flag + " needs a value", 2);
      return args[++i];
    };
    if (flag == "--listen") {
      std::string addr = next();
      auto colon = addr.rfind(':');
      if (colon == std::string::npos)
        throw ks::Error("--listen " + addr + ": expected HOST:PORT", 2);
      o.host = addr.substr(0, colon);
      o.port = to_int("--listen", addr.substr(colon + 1));
    } else if (flag == "--write-kubeconfig") {
      o.kubeconfig_path = next();
    } else if (flag == "--context") {
      o.context = next();
    } else if (flag == "--extra-context") {
      o.extra_contexts.push_back(next());
    } else if (flag == "--token") {
      o.token = next();
    } else if (flag == "--faults") {
      o.faults = next();
    } else if (flag == "--crd-establish-delay-ms") {
      o.crd_establish_delay_ms = to_int(flag, next());
    } else {
      throw ks::Error("unknown flag " + flag + "\n" + kUsage, 2);
    }
  }
  if (o.kubeconfig_path.empty()) throw ks::Error("--write-kubeconfig FILE is required", 2);
  if (o.context.empty()) throw ks::Error("--context must not be empty", 2);
  return o;
}

}  // namespace kta

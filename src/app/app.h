#pragma once
// The app on disk: its layout, its app.yaml, and its components.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/layout.h"
#include "app/spec.h"
#include "app/transaction.h"

namespace ks::app {

class App {
 public:
  // Finds the app at or above `start`, finishes any interrupted transaction, reads app.yaml and
  // app.override.yaml.
  static App load(const stdfs::path& start);

  const Layout& layout() const { return layout_; }
  const Spec& spec() const { return spec_; }

  // The named env; the error lists the envs there are.
  const Environment& env(const std::string& name) const;
  // `name` when given, else the current env (.ks_environment); errors when neither is set.
  std::string resolve_env_name(const std::string& name) const;
  std::string current_env() const;  // "" when unset

  // Stages app.yaml with `spec` into `txn`. The commit fails (writing nothing) when app.yaml
  // changed on disk since this App read it, so a concurrent edit is never silently lost.
  void stage_spec(Transaction& txn, const Spec& spec) const;

  // The app as it is on disk now. Commands that edit call it once their Transaction holds the
  // lock, so they change the latest app.yaml, not the one read before another ks process wrote.
  App reload() const;

 private:
  static App read(const Layout& layout);

  Layout layout_;
  Spec spec_;
  std::string app_yaml_text_;
};

struct Component {
  std::string name;        // qualified: "cnn" in the root module, "ml.cnn" in module ml
  std::string module;      // "/" or "a.b"
  std::string local_name;  // file name without extension
  stdfs::path file;
  enum class Type { Jsonnet, Yaml, Json } type = Type::Jsonnet;
};

// "/" first, then every sub-folder of components/ (dotted), sorted. Hidden folders are skipped.
std::vector<std::string> list_modules(const Layout& layout);
// Components of one module, sorted by name. `.libsonnet` files and params.libsonnet are not
// components.
std::vector<Component> list_components(const Layout& layout, const std::string& module);
std::vector<Component> list_all_components(const Layout& layout);
std::optional<Component> find_component(const Layout& layout, const std::string& name);
std::string module_of(const std::string& qualified_name);  // "ml.cnn" → "ml", "cnn" → "/"

// Env names: not empty, no '/', no '..', no spaces or shell/jsonnet punctuation.
void validate_env_name(const std::string& name);
// Component and module names: letters, digits, '-', '_' ('.' separates modules).
void validate_component_name(const std::string& name);

}  // namespace ks::app

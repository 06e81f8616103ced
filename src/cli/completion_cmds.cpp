// `ks completion bash|zsh|fish` prints a script that asks `ks __complete WORDS...` for the
// candidates of the last word: subcommands and flags from the CLI11 definitions, and env,
// component, prototype, registry and package names from the app in the current folder.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "base/error.h"
#include "base/strings.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "ops/names.h"

namespace ks::cli {

namespace {

const char* kBash = R"SH(# bash completion for ks; load it with: source <(ks completion bash)
_ks_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}"
  [ "$cur" = "=" ] && cur=""
  local IFS=$'\n'
  COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" -- "$cur"))
}
complete -o default -F _ks_complete ks
)SH";

const char* kZsh = R"SH(#compdef ks
# zsh completion for ks; load it with: source <(ks completion zsh)
_ks() {
  local -a candidates
  candidates=("${(@f)$(${words[1]} __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -a candidates
}
compdef _ks ks
)SH";

const char* kFish = R"SH(# fish completion for ks; load it with: ks completion fish | source
complete -c ks -f -a '(ks __complete (commandline -opc)[2..-1] (commandline -ct))'
)SH";

enum class Kind {
  None,
  KubeContext,
  Env,
  Component,
  Prototype,
  Registry,
  Package,
  InstalledPackage,
  Module,
  Shell
};

// What the positionals of each command name, by command path.
const std::map<std::string, std::vector<Kind>>& positional_kinds() {
  static const std::map<std::string, std::vector<Kind>> kinds = {
      {"env rm", {Kind::Env}},
      {"env describe", {Kind::Env}},
      {"env set", {Kind::Env}},
      {"env targets", {Kind::Env}},
      {"apply", {Kind::Env}},
      {"delete", {Kind::Env}},
      {"validate", {Kind::Env}},
      {"show", {Kind::Env}},
      {"diff", {Kind::Env, Kind::Env}},
      {"component rm", {Kind::Component}},
      {"param set", {Kind::Component}},
      {"param unset", {Kind::Component}},
      {"param list", {Kind::Component}},
      {"param diff", {Kind::Env, Kind::Env}},
      {"prototype describe", {Kind::Prototype}},
      {"prototype preview", {Kind::Prototype}},
      {"prototype use", {Kind::Prototype}},
      {"generate", {Kind::Prototype}},
      {"registry describe", {Kind::Registry}},
      {"registry set", {Kind::Registry}},
      {"registry rm", {Kind::Registry}},
      {"registry remove", {Kind::Registry}},
      {"pkg install", {Kind::Package}},
      {"pkg describe", {Kind::Package}},
      {"pkg remove", {Kind::InstalledPackage}},
      {"completion", {Kind::Shell}},
  };
  return kinds;
}

// What an option's value names, by its long name.
Kind option_kind(const CLI::Option& opt) {
  for (const auto& name : opt.get_lnames()) {
    if (name == "env" || name == "set") return Kind::Env;
    if (name == "component") return Kind::Component;
    if (name == "module") return Kind::Module;
    if (name == "context") return Kind::KubeContext;
  }
  return Kind::None;
}

std::vector<std::string> fixed_values(const CLI::Option& opt) {
  for (const auto& name : opt.get_lnames()) {
    if (name == "output") return {"table", "json", "yaml"};
    if (name == "cascade") return {"foreground", "background", "orphan"};
    if (name == "log-level") return {"error", "warn", "info", "debug"};
  }
  return {};
}

std::vector<std::string> app_names(Kind kind, const std::string& dir) {
  static const std::map<Kind, ops::NameKind> of = {
      {Kind::KubeContext, ops::NameKind::KubeContext},
      {Kind::Env, ops::NameKind::Env},
      {Kind::Component, ops::NameKind::Component},
      {Kind::Prototype, ops::NameKind::Prototype},
      {Kind::Registry, ops::NameKind::Registry},
      {Kind::Package, ops::NameKind::Package},
      {Kind::InstalledPackage, ops::NameKind::InstalledPackage},
      {Kind::Module, ops::NameKind::Module}};
  if (kind == Kind::Shell) return {"bash", "zsh", "fish"};
  auto it = of.find(kind);
  return it == of.end() ? std::vector<std::string>{} : ops::names(dir, it->second);
}

const CLI::Option* find_option(const std::vector<CLI::App*>& chain, const std::string& name) {
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    if (const CLI::Option* o = (*it)->get_option_no_throw(name)) return o;
  return nullptr;
}

CLI::App* find_subcommand(CLI::App* cmd, const std::string& word) {
  for (CLI::App* sub : cmd->get_subcommands([](CLI::App*) { return true; }))
    if (!sub->get_name().empty() && sub->check_name(word)) return sub;
  return nullptr;
}

std::vector<std::string> flag_names(const std::vector<CLI::App*>& chain) {
  std::vector<std::string> out;
  for (CLI::App* cmd : chain) {
    for (const CLI::Option* o : cmd->get_options()) {
      if (o->get_group().empty()) continue;
      for (const auto& l : o->get_lnames()) out.push_back("--" + l);
      for (const auto& s : o->get_snames()) out.push_back("-" + s);
    }
  }
  return out;
}

std::vector<std::string> candidates(CLI::App& root, std::vector<std::string> words) {
  if (words.empty()) words.push_back("");
  std::string cur = words.back();
  words.pop_back();
  std::vector<CLI::App*> chain{&root};
  std::vector<std::string> path;
  std::string dir = ".";
  size_t positional = 0;
  const CLI::Option* value_of = nullptr;
  bool only_positionals = false;
  if (cur == "=" && !words.empty()) cur = "";  // bash splits --env=x at '='
  if (!words.empty() && words.back() == "=") words.pop_back();
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    value_of = nullptr;
    if (!only_positionals && w == "--") {
      only_positionals = true;
    } else if (!only_positionals && w.size() > 1 && w[0] == '-') {
      if (w.find('=') != std::string::npos) continue;
      const CLI::Option* o = find_option(chain, w);
      if (o && o->get_expected_min() > 0) {
        if (i + 1 == words.size())
          value_of = o;
        else if (w == "--dir")
          dir = words[++i];
        else
          ++i;
      }
    } else if (CLI::App* sub = positional == 0 ? find_subcommand(chain.back(), w) : nullptr) {
      chain.push_back(sub);
      path.push_back(sub->get_name());
    } else if (chain.size() == 1 && w == "help") {
      continue;
    } else {
      ++positional;
    }
  }
  std::vector<std::string> out;
  if (value_of) {
    out = fixed_values(*value_of);
    if (out.empty()) out = app_names(option_kind(*value_of), dir);
  } else if (!cur.empty() && cur[0] == '-') {
    out = flag_names(chain);
  } else {
    if (positional == 0)
      for (const CLI::App* sub : chain.back()->get_subcommands([](CLI::App*) { return true; }))
        if (!sub->get_group().empty() && !sub->get_name().empty()) out.push_back(sub->get_name());
    auto it = positional_kinds().find(str::join(path, " "));
    if (it != positional_kinds().end() && positional < it->second.size())
      for (auto& n : app_names(it->second[positional], dir)) out.push_back(n);
  }
  std::set<std::string> unique;
  for (auto& c : out)
    if (str::starts_with(c, cur)) unique.insert(c);
  return {unique.begin(), unique.end()};
}

}  // namespace

int complete_words(CLI::App& root, Context& ctx, const std::vector<std::string>& words) {
  std::vector<std::string> found;
  try {
    found = candidates(root, words);
  } catch (const std::exception&) {
    // Outside an app, or a broken one: no dynamic names, and no noise in the user's prompt.
  }
  for (const auto& c : found) ctx.out << c << "\n";
  return 0;
}

void add_completion_commands(CLI::App& root, Context& ctx) {
  auto* cmd =
      root.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
  describe(cmd,
           "  source <(ks completion bash)                 # in ~/.bashrc\n"
           "  ks completion zsh > \"${fpath[1]}/_ks\"\n"
           "  ks completion fish > ~/.config/fish/completions/ks.fish\n\n"
           "Completes commands and flags, and env, component, prototype, registry and package\n"
           "names from the app in the current folder.");
  auto shell = std::make_shared<std::string>();
  cmd->add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->callback([&ctx, shell] {
    ctx.out << (*shell == "bash" ? kBash : *shell == "zsh" ? kZsh : kFish);
  });
}

}  // namespace ks::cli

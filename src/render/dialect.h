#pragma once
// ksonnet 0.13 evaluated with go-jsonnet 0.11.2; ks links libjsonnet 0.18. Where go-jsonnet
// 0.11.2 accepted a program that libjsonnet rejects and committed apps rely on it, ks rewrites the
// source before evaluation so it keeps ksonnet's meaning (docs/ksonnet-compatibility.md lists
// every known difference and what ks does about it).
#include <string>

namespace ks::render {

// Unary `+` is the identity on every type in go-jsonnet 0.11.2 (`step_name: + template.name`
// gives the string); libjsonnet 0.18 allows it only on numbers, where it is also the identity.
// Every unary `+` token is replaced by a space, so lines and columns stay. Text that does not lex
// is returned unchanged (libjsonnet then reports its syntax error).
std::string rewrite_go_jsonnet_dialect(const std::string& text);

// Programs go-jsonnet 0.11.2 accepted and ks rejects on purpose (their meaning there was
// accidental): the error's first line gains what ksonnet did and how to change the file.
std::string add_go_jsonnet_hint(const std::string& message);

}  // namespace ks::render

#pragma once
// Builds JSON from yaml-cpp's parser events rather than from yaml-cpp's node graph, so that
// aliases are copied under a budget: a node graph shares aliased nodes, and walking a graph with a
// cycle (`&a [*a]`) or an alias bomb (each level aliasing the one before nine times) recursed
// until the stack overflowed or built gigabytes of JSON. Here an alias to an anchor that is still
// open (a cycle) is an error, and so are aliases whose copies together exceed the limits below.
// YAML 1.1 merge keys (`<<: *base`, `<<: [*a, *b]`) are resolved as kubectl resolves them: keys
// written in the mapping win over merged ones, and earlier merged mappings win over later ones.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::yaml {

// What all aliases of one parse call may copy together: nodes (scalars, nulls, lists and maps,
// map keys included) and scalar text bytes. Generous for hand-written anchors, small enough that
// an alias bomb fails in milliseconds and tens of megabytes.
struct AliasLimits {
  size_t max_nodes = 200'000;
  size_t max_bytes = 16u << 20;
};

// Input must be UTF-8 without NUL bytes (UTF-16/32 files are refused); invalid UTF-8 is refused naming the
// line and column of the first bad byte.
// Reads the documents of `text` (only the first when `first_only`); a document whose root is null
// is returned as null. Throws ks::Error naming `source`, line and column.
std::vector<nlohmann::json> read_documents(const std::string& text, const std::string& source,
                                           bool first_only, const AliasLimits& limits = {});

}  // namespace ks::yaml

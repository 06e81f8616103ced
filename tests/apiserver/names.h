#pragma once
// Object name validation with apimachinery's exact messages.
#include <string>

#include "resource_table.h"

namespace kta {

// Empty when `name` is valid under `rule`, else the detail kube prints after `metadata.name: `.
std::string name_problem(const std::string& name, NameRule rule);

}  // namespace kta

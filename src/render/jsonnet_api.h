#pragma once
// libjsonnet's C header has no extern "C" guard of its own.
extern "C" {
#include <libjsonnet.h>
}

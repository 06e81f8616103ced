#pragma once
// Sources of the built-in prototypes, one file each (ksonnet's system prototypes, rewritten
// for today's API versions).
namespace ks::prototypes::system {

extern const char* const kConfigMap;
extern const char* const kCustomResource;
extern const char* const kDeployedService;
extern const char* const kNamespace;
extern const char* const kSinglePortDeployment;
extern const char* const kSinglePortService;

}  // namespace ks::prototypes::system

#pragma once
// An app made by ops::init in a temp folder, for the use-case tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/fs.h"
#include "ks_test.h"
#include "ops/init.h"

namespace ops_test {

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ks::ops::InitOptions o;
    o.name = "app";
    o.dir = (tmp.path() / "app").string();
    o.server = "https://10.0.0.1:6443";  // no kubeconfig is read, no cluster contacted
    o.ns = "ml";
    init = ks::ops::init(o);
    root = init.root;
  }
  std::string dir() const { return root.string(); }

  ks::fs::TempDir tmp{"ks-ops-test"};
  ks::ops::InitResult init;
  std::filesystem::path root;
};

}  // namespace ops_test

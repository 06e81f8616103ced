// Truncated and mutated inputs must produce ks::Error, never a crash, and the structure parser
// must agree with libjsonnet's own parser on what is valid jsonnet.
#include <gtest/gtest.h>

#include <filesystem>

extern "C" {
#include <libjsonnet.h>
#include <libjsonnet_fmt.h>
}

#include "base/error.h"
#include "base/fs.h"
#include "edit/edit.h"
#include "edit/syntax.h"
#include "ks_test.h"
#include "samples.h"

namespace {

using namespace edit_samples;
namespace stdfs = std::filesystem;

bool reference_accepts(JsonnetVm* vm, const std::string& text) {
  int error = 0;
  char* out = jsonnet_fmt_snippet(vm, "t", text.c_str(), &error);
  jsonnet_realloc(vm, out, 0);
  return error == 0;
}

bool we_accept(const std::string& text) {
  try {
    ks::edit::parse_syntax(text, "t");
    return true;
  } catch (const ks::Error&) {
    return false;
  }
}

class Reference : public ::testing::Test {
 protected:
  void SetUp() override { vm_ = jsonnet_make(); }
  void TearDown() override { jsonnet_destroy(vm_); }
  void expect_agreement(const std::string& text, const std::string& label) {
    EXPECT_EQ(we_accept(text), reference_accepts(vm_, text)) << label << ":\n" << text;
  }
  JsonnetVm* vm_ = nullptr;
};

std::vector<std::string> corpus() {
  std::vector<std::string> files;
  for (const std::string& dir :
       {std::string(KS_SOURCE_DIR) + "/registry", std::string("/usr/share/doc/jsonnet/examples")}) {
    if (!stdfs::is_directory(dir)) continue;
    for (const auto& e : stdfs::recursive_directory_iterator(dir)) {
      auto ext = e.path().extension();
      if (e.is_regular_file() && (ext == ".jsonnet" || ext == ".libsonnet")) {
        files.push_back(e.path().string());
      }
    }
  }
  return files;
}

TEST_F(Reference, AgreesOnEveryPrefixOfTheSampleFiles) {
  for (const std::string& sample : {kComponentParams, kEnvParams, kEnvGlobals, kTricky}) {
    for (std::size_t n = 0; n <= sample.size(); ++n) {
      expect_agreement(sample.substr(0, n), "prefix " + std::to_string(n));
    }
  }
}

TEST_F(Reference, AgreesWhenAnyOneByteIsDeleted) {
  for (const std::string& sample : {kEnvParams, kTricky}) {
    for (std::size_t i = 0; i < sample.size(); ++i) {
      std::string mutated = sample;
      mutated.erase(i, 1);
      expect_agreement(mutated, "without byte " + std::to_string(i));
    }
  }
}

TEST_F(Reference, AgreesWhenAnyByteIsReplacedBySyntax) {
  for (const std::string& sample : {kEnvParams, kTricky}) {
    for (std::size_t i = 0; i < sample.size(); ++i) {
      for (char c : std::string("{}[](),;:+-.=$'\"|@/*# \nax1")) {
        std::string mutated = sample;
        mutated[i] = c;
        expect_agreement(mutated, "byte " + std::to_string(i) + " replaced by " + c);
        mutated.insert(i, 1, c);
        expect_agreement(mutated, "byte " + std::to_string(i) + " doubled as " + c);
      }
    }
  }
}

TEST_F(Reference, AgreesOnRealJsonnetFiles) {
  auto files = corpus();
  ASSERT_FALSE(files.empty()) << "no jsonnet corpus found below " << KS_SOURCE_DIR;
  for (const std::string& path : files) {
    std::string text = ks::fs::read_file(path);
    EXPECT_TRUE(we_accept(text)) << path;
    expect_agreement(text, path);
    for (std::size_t n = 0; n < text.size(); n += 61) {
      expect_agreement(text.substr(0, n), path + " prefix " + std::to_string(n));
      std::string mutated = text;
      mutated.erase(n, 1);
      expect_agreement(mutated, path + " without byte " + std::to_string(n));
    }
  }
}

TEST(Robustness, EveryTruncationThrowsKsErrorNeverCrashes) {
  const ks::edit::Locator top = ks::edit::Locator::top_level();
  const ks::edit::Locator env = ks::edit::Locator::field_anywhere("components", true);
  ks::edit::EditStyle env_style;
  env_style.nested_sep = "+:";
  struct Case {
    const std::string* text;
    ks::edit::Locator where;
    std::vector<std::string> path;
  };
  for (const Case& c : {Case{&kComponentParams, top, {"components"}}, Case{&kEnvParams, env, {}},
                        Case{&kEnvGlobals, top, {}}}) {
    const std::string& text = *c.text;
    std::size_t last_brace = text.rfind('}');
    for (std::size_t n = 0; n < text.size(); ++n) {
      std::string prefix = text.substr(0, n);
      int errors = 0;
      auto attempt = [&](auto fn) {
        try {
          fn();
        } catch (const ks::Error& e) {
          EXPECT_FALSE(std::string(e.what()).empty());
          ++errors;
        }
      };
      attempt([&] { ks::edit::set_field(prefix, "p", c.where, c.path, "k", "1", env_style); });
      attempt([&] { ks::edit::remove_field(prefix, "p", c.where, c.path, "k"); });
      attempt([&] { ks::edit::field_names(prefix, "p", c.where, c.path); });
      attempt([&] { ks::edit::get_field_text(prefix, "p", c.where, c.path, "k"); });
      attempt([&] { ks::edit::substitute_prototype_imports(prefix, "p"); });
      if (n <= last_brace) {
        EXPECT_GE(errors, 4) << "prefix of length " << n << ":\n" << prefix;
      }
    }
  }
}

TEST(Robustness, DeepNestingIsAnErrorNotAStackOverflow) {
  std::string deep(100000, '[');
  EXPECT_THROW(ks::edit::parse_syntax(deep, "t"), ks::Error);
  std::string deep_objects;
  for (int i = 0; i < 50000; ++i) deep_objects += "{a:";
  EXPECT_THROW(ks::edit::field_names(deep_objects, "t", ks::edit::Locator::top_level(), {}),
               ks::Error);
  // Long flat chains are fine.
  std::string chain = "1";
  for (int i = 0; i < 20000; ++i) chain += " + 1";
  EXPECT_NO_THROW(ks::edit::parse_syntax(chain, "t"));
  std::string locals;
  for (int i = 0; i < 5000; ++i) locals += "local a" + std::to_string(i) + " = 1;\n";
  EXPECT_NO_THROW(ks::edit::parse_syntax(locals + "{}", "t"));
}

}  // namespace

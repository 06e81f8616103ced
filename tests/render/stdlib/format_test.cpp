// The native std.format (and `%` on strings) must give exactly what libjsonnet's own std gives:
// same results, same errors, over random format strings and values.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <random>

#include <nlohmann/json.hpp>

#include "render/importer.h"
#include "render/stdlib/format.h"
#include "render/stdlib/native.h"
#include "render/vm.h"
#include "stock_compare.h"

namespace {

using nlohmann::json;

class FastFormat : public ::testing::Test {
 protected:
  std::string eval(const std::string& code) { return ks_test::eval_or_error(vm, code); }
  // The format overrides alone, shadowing std as the overrides' prelude does (the natives are
  // registered by every Vm of a verified libjsonnet).
  static std::string prelude() {
    return "local __ks_s = std; local std = __ks_s { " + ks::render::stdlib::format_fields() +
           "}; ";
  }
  // The std.format calls the native answered itself since the test started.
  std::uint64_t served() const {
    return ks::render::stdlib::served_count(ks::render::stdlib::Native::Format) - served_at_start;
  }
  void expect_same(const std::string& expr) {
    std::string stock = eval(expr);
    std::string fast = eval(prelude() + expr);
    if (fast != stock)
      ADD_FAILURE() << expr.substr(0, 400) << "\nfast:  " << fast.substr(0, 400)
                    << "\nstock: " << stock.substr(0, 400);
    ++compared;
  }
  // The same, with stock format turned into an error: it succeeds only when the natives did it all.
  static std::string native_only_prelude() {
    std::string p = prelude();
    const std::string stock_call = "__ks_s.format(str, vals)";
    p.replace(p.find(stock_call), stock_call.size(), "error 'stock format'");
    return p;
  }
  // Each snippet evaluation re-reads the stock std, so cases go eight to an array; a batch that
  // fails anywhere is compared case by case (errors must match one by one). `native_batches`
  // counts the batches the natives formatted without any help from stock.
  void expect_same_all(const std::vector<std::string>& exprs) {
    for (size_t b = 0; b < exprs.size(); b += 8) {
      std::vector<std::string> batch(
          exprs.begin() + static_cast<long>(b),
          exprs.begin() + static_cast<long>(std::min(b + 8, exprs.size())));
      std::string all = "[";
      for (const auto& e : batch) all += (all.size() > 1 ? ", " : "") + e;
      all += "]";
      ++batches;
      std::string stock = eval(all);
      bool ok = stock.rfind("ERROR: ", 0) != 0;
      if (ok && eval(native_only_prelude() + all) == stock) {
        ++native_batches;
      } else if (!ok || eval(prelude() + all) != stock) {
        for (const auto& e : batch) expect_same(e);
        continue;
      }
      compared += static_cast<int>(batch.size());
    }
  }
  ks::render::Importer importer{ks::render::ImportConfig{}};
  ks::render::Vm vm{importer};
  int compared = 0, batches = 0, native_batches = 0;
  std::uint64_t served_at_start =
      ks::render::stdlib::served_count(ks::render::stdlib::Native::Format);
};

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[rng() % from.size()];
}

std::string random_text(std::mt19937& rng, size_t max_len) {
  static const std::vector<std::string> pieces = {"a", "Z",  " ", "-",    ":",       "\\n",
                                                  "é", "日", "😀", "\\\"", "\\u0001", "0"};
  std::string s;
  size_t n = rng() % (max_len + 1);
  for (size_t i = 0; i < n; ++i) s += pick(rng, pieces);
  return s;
}

std::string random_number(std::mt19937& rng) {
  static const std::vector<std::string> specials = {"0",
                                                    "-0",
                                                    "1",
                                                    "-1",
                                                    "0.5",
                                                    "1.5",
                                                    "2.5",
                                                    "-0.5",
                                                    "-1.5",
                                                    "0.05",
                                                    "0.005",
                                                    "0.125",
                                                    "1e-5",
                                                    "0.0001",
                                                    "1e-320",
                                                    "-1e-320",
                                                    "5e-324",
                                                    "2.2250738585072014e-308",
                                                    "1e300",
                                                    "-1e300",
                                                    "1.7e308",
                                                    "123.456",
                                                    "999.9999999",
                                                    "9.9999995",
                                                    "1e15",
                                                    "1e16",
                                                    "1e17",
                                                    "1e21",
                                                    "9007199254740993",
                                                    "4294967295",
                                                    "0.1",
                                                    "-0.1",
                                                    "3.14159",
                                                    "255",
                                                    "-255",
                                                    "65535.5",
                                                    "1e-7",
                                                    "99999.5",
                                                    "0.95",
                                                    "9.5",
                                                    "-9.5",
                                                    "1e100"};
  switch (rng() % 4) {
    case 0:
      return pick(rng, specials);
    case 1:
      return std::to_string(static_cast<int>(rng() % 200001) - 100000);
    case 2: {
      std::uniform_real_distribution<double> d(-1e4, 1e4);
      return json(d(rng)).dump();
    }
    default: {
      std::uniform_real_distribution<double> e(-30, 30);
      double v = std::pow(10.0, e(rng)) * (rng() % 2 ? 1 : -1);
      return json(v).dump();
    }
  }
}

std::string random_value(std::mt19937& rng, int depth) {
  switch (rng() % (depth > 2 ? 5 : 7)) {
    case 0:
      return "null";
    case 1:
      return rng() % 2 ? "true" : "false";
    case 2:
      return random_number(rng);
    case 3:
    case 4:
      return "\"" + random_text(rng, 5) + "\"";
    case 5: {
      std::string out = "[";
      size_t n = rng() % 3;
      for (size_t i = 0; i < n; ++i) out += (i ? ", " : "") + random_value(rng, depth + 1);
      return out + "]";
    }
    default: {
      std::string out = "{";
      size_t n = rng() % 3;
      for (size_t i = 0; i < n; ++i)
        out += (i ? ", k" : "k") + std::to_string(i) + (rng() % 4 ? ": " : ":: ") +
               random_value(rng, depth + 1);
      return out + "}";
    }
  }
}

// A random `%...` code; `type` receives the conversion character.
std::string random_code(std::mt19937& rng, char& type, const std::string& key = "") {
  static const std::string kTypes = "diuoxXeEfFgGs%ddfffgss";
  std::string code = "%";
  if (!key.empty()) code += "(" + key + ")";
  size_t nflags = rng() % 4;
  for (size_t i = 0; i < nflags; ++i) code += "#0- +"[rng() % 5];
  if (rng() % 2) code += std::to_string(rng() % 3 ? rng() % 12 : rng() % 40);
  if (rng() % 2) code += "." + (rng() % 5 ? std::to_string(rng() % 10) : std::string());
  if (rng() % 8 == 0) code += "hlL"[rng() % 3];
  type = kTypes[rng() % kTypes.size()];
  return code + type;
}

// Random formats with `wrong` in 1/wrong of the number conversions getting any value (mostly a
// wrong type: stock's error); 0 gives numbers only.
std::vector<std::string> random_array_cases(std::mt19937& rng, int count, unsigned wrong) {
  std::vector<std::string> cases;
  for (int t = 0; t < count; ++t) {
    std::string format = random_text(rng, 3);
    std::string values;
    size_t codes = rng() % 4;
    for (size_t i = 0; i < codes; ++i) {
      char type = 0;
      format += random_code(rng, type) + random_text(rng, 2);
      if (type == '%') continue;
      bool number = type != 's' && (wrong == 0 || rng() % wrong);
      std::string num = random_number(rng);
      // Without wrong types, no stock errors either: %g of zero, %f overflowing.
      while (wrong == 0 && ((type == 'f' && num == "1.7e308") ||
                            ((type == 'g' || type == 'G') && (num == "0" || num == "-0"))))
        num = random_number(rng);
      values += (values.empty() ? "" : ", ") + (number ? num : random_value(rng, 0));
    }
    cases.push_back("std.format(\"" + format + "\", [" + values + "])");
  }
  return cases;
}

TEST_F(FastFormat, RandomArraysMatchStock) {
  std::mt19937 rng(11);
  expect_same_all(random_array_cases(rng, 400, 0));
  EXPECT_GE(native_batches * 2, batches);
  EXPECT_GT(served(), 300u);
}

TEST_F(FastFormat, RandomArraysWithWrongTypesMatchStock) {
  std::mt19937 rng(15);
  for (const auto& c : random_array_cases(rng, 60, 3)) expect_same(c);
}

TEST_F(FastFormat, RandomNumbersEveryConversion) {
  std::mt19937 rng(12);
  std::vector<std::string> cases, failing;
  for (int t = 0; t < 250; ++t) {
    char type = 0;
    std::string code = random_code(rng, type);
    std::string num = random_number(rng);
    // Stock errors (%g of zero, overflow, a value for %%) are compared one by one.
    bool fails = type == '%' || num == "1.7e308" || ((num == "0" || num == "-0") && type == 'g');
    (fails ? failing : cases).push_back("std.format('[" + code + "]', " + num + ")");
  }
  for (std::string conv : {"d", "o", "x", "X", "#o", "#x", "f", "e", "g", "#g", ".0g", ".0e",
                           "#.0f", "+.3e", " .10f", "-12.4G", "020.3f", ".15g", ".17e"}) {
    for (std::string num : {"0", "-0", "0.5", "-0.5", "1e-320", "5e-324", "1e300", "-1.7e308",
                            "1e-5", "0.0001", "99999.95", "123456", "0.000123456"}) {
      char type = static_cast<char>(std::tolower(conv.back()));
      bool fails =
          (num == "-1.7e308" && type == 'f') || ((num == "0" || num == "-0") && type == 'g');
      (fails ? failing : cases).push_back("std.format('%" + conv + "', " + num + ")");
    }
  }
  expect_same_all(cases);
  EXPECT_GE(native_batches * 2, batches);
  for (const auto& c : failing) expect_same(c);
  EXPECT_GT(served(), 250u);
}

TEST_F(FastFormat, SingleValuesAndPercentOperator) {
  std::mt19937 rng(13);
  std::vector<std::string> cases;
  for (int t = 0; t < 60; ++t) {
    char type = 0;
    std::string code = random_code(rng, type);
    std::string value = type == 's' || rng() % 3 == 0 ? random_value(rng, 0) : random_number(rng);
    cases.push_back("'<" + code + ">' % " + value);
    cases.push_back("std.format('" + code + "', " + value + ")");
  }
  expect_same_all(cases);
  expect_same("'%s' % 'abc'");
  expect_same("'%s and %s' % ['a', 'b']");
  expect_same("'%d%%' % 50");
  expect_same("'%(a)s-%(b)03d' % {a: 'x', b: 7}");
  expect_same("7 % 3");
  expect_same("-7.5 % 2");
  expect_same("7 % 0");
  expect_same("[1] % 2");
  expect_same("{} % 'a'");
  expect_same("'%s' % error 'vals fail'");
  expect_same("local f(x) = x; '%s' % f");
  expect_same("local std = {}; '%s' % 1");
}

TEST_F(FastFormat, ObjectsWithMappingKeys) {
  std::mt19937 rng(14);
  std::vector<std::string> cases;
  for (int t = 0; t < 80; ++t) {
    std::string format = random_text(rng, 2), fields;
    size_t codes = 1 + rng() % 3;
    for (size_t i = 0; i < codes; ++i) {
      std::string key = rng() % 5 ? "k" + std::to_string(rng() % 4) : "é 日";
      char type = 0;
      format += random_code(rng, type, rng() % 12 ? key : "") + random_text(rng, 2);
    }
    for (int k = 0; k < 4; ++k) {
      if (rng() % 5 == 0) continue;  // sometimes missing
      std::string value = rng() % 2 ? random_number(rng) : random_value(rng, 0);
      fields += "k" + std::to_string(k) + (rng() % 4 ? ": " : ":: ") + value + ", ";
    }
    fields += "'é 日': 'u'";
    cases.push_back("std.format(\"" + format + "\", {" + fields + "})");
  }
  expect_same_all(cases);
  expect_same("std.format('%(a)s %(b)d', {a: 1, b:: 2})");
  expect_same("std.format('%(a)s %(a)s', {a:: [1, {b: 2, c:: 3}]})");
  expect_same("std.format('%(a)s %(b)s', {a: 1})");
  expect_same("std.format('%(a)s %s', {a: 1})");
  expect_same("std.format('%(a)s %%', {a: 1})");
  expect_same("std.format('%(a)s %(x)%', {a: 1})");
  expect_same("std.format('%(a)*d', {a: 1})");
  expect_same("std.format('%(a)d', {a: 'x'})");
  expect_same("std.format('%(a)s %(b)d', {a: error 'a fails', b: 'x'})");
  expect_same("std.format('%(a)d %(b)s', {a: 'x', b: error 'b fails'})");
  expect_same("std.format('%(a', {a: 1})");
  expect_same("std.format('', {})");
  expect_same("std.format('plain', {a: 1})");
  expect_same("std.format('%(a)s', {a: 1} + {a+: 2})");
  expect_same("std.format('%(a)s', {a: function(x) x})");
}

TEST_F(FastFormat, ErrorsMatchStock) {
  for (const char* expr : {
           "std.format('%s %s', ['a'])",
           "std.format('%s', ['a', 'b'])",
           "std.format('%d', ['x'])",
           "std.format('%f', [null])",
           "std.format('%x', [[1]])",
           "std.format('%e', [{a: 1}])",
           "std.format('%g', [true])",
           "std.format('%g', [0])",
           "std.format('%G', [-0])",
           "std.format('%.400f', [1])",
           "std.format('%f', [1.7e308])",
           "std.format('%', [1])",
           "std.format('abc %', [])",
           "std.format('%5', [1])",
           "std.format('%-', [1])",
           "std.format('%.', [1])",
           "std.format('%l', [1])",
           "std.format('%(a', [1])",
           "std.format('%q', [1])",
           "std.format('%é', [1])",
           "std.format('%5-d', [1])",
           "std.format('%*d', [5, 1])",
           "std.format('%.*f', [2, 1.234])",
           "std.format('%*d', [5])",
           "std.format('%c', [65])",
           "std.format('%c', ['ab'])",
           "std.format('%c %s', ['é', 1])",
           "std.format('%300d', [1])",
           "std.format('%-600s', ['a'])",
           "std.format('%0250d', [1])",
           "std.format('%.245e', [0.1])",
           "std.format('%.300f', [0])",
           "std.format(1, [])",
           "std.format(error 'fmt fails', error 'vals fail')",
           "std.format('%s', [function(x) x])",
           "std.format('%s', [[function(x) x]])",
           "std.format('%s', function(x) x)",
           "std.format('%d', function(x) x)",
           "std.format('%s %d', [[error 'a'], error 'b'])",
           "std.format('%d %s', ['x', [error 'b']])",
           "std.format('%d %s', [error 'a', [error 'b']])",
           "std.format('%s %s %d', [error 'a', error 'b', 'c'])",
           "std.format('%s %d %s', [{x: error 'a'}, 'n', error 'c'])",
           "std.format('%s %s', ['\\u0000', 'b'])",
           "std.format('a\\u0000b %s', ['c'])",
           "std.format('%(a\\u0000)s', {'a\\u0000': 1})",
       }) {
    expect_same(expr);
  }
}

TEST_F(FastFormat, UnicodeAndEmpty) {
  expect_same("std.format('', [])");
  expect_same("std.format('%%', [])");
  expect_same("std.format('%5%|%-5%|', [])");
  expect_same("std.format('日本 %s 😀', ['é'])");
  expect_same("std.format('%-6s|%6s|', ['日本', '😀é'])");
  expect_same("std.format('%(日)s', {'日': '本'})");
  expect_same("std.format('%s', [''])");
  expect_same("std.format('%3s|%-3s|', ['', ''])");
  expect_same("std.format('%s', [{'é': ['\\u007f', '\\t'], b: {}, c: []}])");
  expect_same("std.format('%10s|', [[1, 2.5, -0, 1e300, 1e-7]])");
  expect_same("std.format('%s %s %s', [null, true, false])");
  expect_same("std.format('%5d|%-5d|%05d|%+d|% d', [1, 2, 3, 4, 5])");
}

TEST_F(FastFormat, ManyCalls) {
  expect_same("[std.format('%s-%05d-%.2f', ['x', i, i / 3]) for i in std.range(0, 1999)]");
  expect_same("std.join(',', ['%d' % i for i in std.range(0, 499)])");
  expect_same("std.format(std.repeat('%d,', 300), std.range(1, 300))");
  expect_same(
      "std.format(std.repeat('%d,%s;', 150), std.flattenArrays([[i, [i]] "
      "for i in std.range(1, 150)]))");
}

TEST_F(FastFormat, NativesAreUsed) {
  auto plan = [&](const std::string& f, int count) {
    return eval("local f = " + f + "; std.native('ks.formatPlan')(f, std.length(f), " +
                std::to_string(count) + ")");
  };
  auto keys = [&](const std::string& f) {
    return eval("local f = " + f + "; std.native('ks.formatKeys')(f, std.length(f))");
  };
  EXPECT_EQ(plan("'%s %(a)05.2f %% %(b)x'", 3), "\"snn\"\n");
  EXPECT_EQ(plan("'%(k)s|%(k)%'", 1), "\"\"\n");
  EXPECT_EQ(plan("'%s %d %s%s'", 4), "\"sn\"\n");
  EXPECT_EQ(plan("'plain 日'", 0), "\"\"\n");
  EXPECT_EQ(plan("'%s %d'", 3), "\"!\"\n");
  EXPECT_EQ(plan("'%s %d'", 1), "\"!\"\n");
  for (const char* unhandled : {"'%*d'", "'%.*f'", "'%c'", "'%(a'", "'%y'", "'a\\u0000'", "'%5'"})
    EXPECT_EQ(plan(unhandled, 1), "\"!\"\n") << unhandled;
  EXPECT_EQ(eval("std.native('ks.formatPlan')('%d', 3, 1)"), "\"!\"\n");
  EXPECT_EQ(json::parse(keys("'%(a)s %(é)d %(a)%'")), json::parse(R"(["a", "é"])"));
  EXPECT_EQ(keys("'%(a)s %%'"), "null\n");
  EXPECT_EQ(eval("std.native('ks.format')('%s-%05d-%.2f|%5s|%s', 19, "
                 "'[\"x\", 7, 2.345, \"日\", {\"a\": [1, { }]}]')"),
            "\"x-00007-2.35|    日|{\\\"a\\\": [1, { }]}\"\n");
  EXPECT_EQ(eval("std.native('ks.format')('%d', 2, '[\"x\"]')"), "null\n");
  EXPECT_EQ(eval("std.native('ks.format')('%g', 2, '[0]')"), "null\n");
  EXPECT_EQ(eval("std.native('ks.format')('%300d', 5, '[1]')"), "null\n");
  EXPECT_EQ(eval("std.native('ks.format')('%s %s', 5, '[\"a\"]')"), "null\n");
  EXPECT_EQ(eval(prelude() + "std.format('%s', 1)"), "\"1\"\n");
}

}  // namespace

#include "render/stdlib/format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "render/jsonnet_api.h"
#include "render/stdlib/json_text.h"
#include "render/stdlib/native.h"

namespace ks::render::stdlib {

namespace {

// One `%...` code as stock std.format parses it. Widths are doubles because stock computes them
// with jsonnet numbers (`v * 10 + digit`).
struct Code {
  bool has_key = false;
  std::string key;
  bool alt = false, zero = false, left = false, blank = false, plus = false;
  double fw = 0;
  bool has_prec = false;
  double prec = 0;
  char type = 0;  // d o x e f g s %, as stock's parse_conv_type (i and u are d)
  bool caps = false;
};

struct Piece {
  bool is_code = false;
  std::string text;  // literal text between codes
  Code code;
};

bool is_numeric(char type) {
  return type != 's' && type != '%';
}

// Parses like stock's parse_codes. False for whatever the native leaves to stock: parse errors
// (truncated code, unknown conversion), `*` widths and precisions, and %c. Byte-wise scanning is
// codepoint-wise scanning here: every character the grammar looks at is ASCII.
bool parse_format(const std::string& s, std::vector<Piece>& out) {
  const size_t n = s.size();
  size_t i = 0;
  std::string cur;
  while (i < n) {
    if (s[i] != '%') {
      cur += s[i++];
      continue;
    }
    ++i;
    out.push_back({false, cur, {}});
    cur.clear();
    Code c;
    if (i >= n) return false;
    if (s[i] == '(') {
      c.has_key = true;
      for (++i;; ++i) {
        if (i >= n) return false;
        if (s[i] == ')') break;
        c.key += s[i];
      }
      ++i;
    }
    for (;; ++i) {
      if (i >= n) return false;
      char f = s[i];
      if (f == '#')
        c.alt = true;
      else if (f == '0')
        c.zero = true;
      else if (f == '-')
        c.left = true;
      else if (f == ' ')
        c.blank = true;
      else if (f == '+')
        c.plus = true;
      else
        break;
    }
    auto digits = [&](double& v) {
      if (i < n && s[i] == '*') return false;
      for (;; ++i) {
        if (i >= n) return false;
        if (s[i] < '0' || s[i] > '9') return true;
        v = v * 10 + (s[i] - '0');
      }
    };
    if (!digits(c.fw) || i >= n) return false;
    if (s[i] == '.') {
      ++i;
      c.has_prec = true;
      if (!digits(c.prec)) return false;
    }
    if (s[i] == 'h' || s[i] == 'l' || s[i] == 'L') ++i;
    if (i >= n) return false;
    char t = s[i++];
    static const std::string kTypes = "diuoxXeEfFgGs%";
    if (kTypes.find(t) == std::string::npos) return false;
    c.caps = t == 'X' || t == 'E' || t == 'F' || t == 'G';
    c.type = (t == 'i' || t == 'u') ? 'd' : static_cast<char>(std::tolower(t));
    out.push_back({true, "", c});
  }
  out.push_back({false, cur, {}});
  return true;
}

size_t codepoints(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Stock's padding recurses once per character and exceeds the 500-frame stack somewhere past
// 240 characters; longer paddings stay with stock so that its error stays its own.
constexpr double kMaxPadding = 200;

// The rendering half of stock std.format, doing the same double operations in the same order.
// `ok` turns false where stock would fail (a non-finite intermediate: jsonnet's "overflow") or
// where the native does not dare (deep padding); the caller then answers null.
class Renderer {
 public:
  bool ok = true;

  std::string code(const Code& c, double val) {
    double fpprec = c.has_prec ? c.prec : 6;
    double iprec = c.has_prec ? c.prec : 0;
    double zp = c.zero && !c.left ? c.fw : 0;
    switch (c.type) {
      case 'd':
        return render_int(val <= -1, std::floor(abs(val)), zp, iprec, c.blank, c.plus, 10, "");
      case 'o':
        return render_int(val <= -1, std::floor(abs(val)), zp, iprec, c.blank, c.plus, 8,
                          c.alt ? "0" : "");
      case 'x':
        return render_hex(std::floor(val), zp, iprec, c.blank, c.plus, c.alt, c.caps);
      case 'f':
        return float_dec(val, zp, c.blank, c.plus, c.alt, true, fpprec);
      case 'e':
        return float_sci(val, zp, c.blank, c.plus, c.alt, true, c.caps, fpprec);
      default: {  // 'g'
        double exponent = std::floor(div(check(std::log(abs(val))), log10()));
        if (exponent < -4 || exponent >= fpprec)
          return float_sci(val, zp, c.blank, c.plus, c.alt, c.alt, c.caps, fpprec - 1);
        double digits_before_pt = max(1, exponent + 1);
        return float_dec(val, zp, c.blank, c.plus, c.alt, c.alt, fpprec - digits_before_pt);
      }
    }
  }

  std::string pad_left(const std::string& s, double w, char c) {
    return padding(w - static_cast<double>(codepoints(s)), c) + s;
  }
  std::string pad_right(const std::string& s, double w, char c) {
    return s + padding(w - static_cast<double>(codepoints(s)), c);
  }

 private:
  // Jsonnet arithmetic fails on non-finite results.
  double check(double v) {
    if (!std::isfinite(v)) ok = false;
    return v;
  }
  double div(double a, double b) {
    if (b == 0) ok = false;
    return check(a / b);
  }
  double mod(double a, double b) {
    if (b == 0) ok = false;
    return check(std::fmod(a, b));
  }
  double pow10(double e) {
    volatile double ten = 10;  // the libm call stock makes, never a compile-time constant
    return check(std::pow(ten, e));
  }
  double log10() {
    volatile double ten = 10;
    return check(std::log(ten));
  }
  // std.abs, std.sign and std.max as stock writes them (abs(0) is -0).
  static double abs(double n) { return n > 0 ? n : -n; }
  static double sign(double n) { return n > 0 ? 1 : n < 0 ? -1 : 0; }
  static double max(double a, double b) { return a > b ? a : b; }

  std::string padding(double w, char c) {
    if (w <= 0) return "";
    if (!(w <= kMaxPadding)) {
      ok = false;
      return "";
    }
    return std::string(static_cast<size_t>(std::ceil(w)), c);
  }

  // Digits of a whole number >= 0 as stock's aux: floor(n / radix) and n % radix.
  std::string digits(double mag, double radix, const char* numerals) {
    std::string out;
    double n = mag;
    while (n != 0) {
      double digit = mod(n, radix);
      // A fraction here (stock's %.0g takes this path) prints as a jsonnet number: stock's job.
      if (!ok || !(digit >= 0 && digit < radix) || digit != std::floor(digit)) {
        ok = false;
        break;
      }
      out += numerals[static_cast<int>(digit)];
      n = std::floor(div(n, radix));
    }
    std::reverse(out.begin(), out.end());
    return out;
  }

  static std::string sign_prefix(bool neg, bool blank, bool plus) {
    return neg ? "-" : plus ? "+" : blank ? " " : "";
  }

  std::string render_int(bool neg, double mag, double min_chars, double min_digits, bool blank,
                         bool plus, double radix, const std::string& zero_prefix) {
    std::string dec = mag == 0 ? "0" : zero_prefix + digits(mag, radix, "0123456789");
    double zp = min_chars - (neg || blank || plus ? 1 : 0);
    return sign_prefix(neg, blank, plus) + pad_left(dec, max(zp, min_digits), '0');
  }

  std::string render_hex(double n, double min_chars, double min_digits, bool blank, bool plus,
                         bool add_zerox, bool caps) {
    double mag = std::floor(abs(n));
    std::string hex =
        mag == 0 ? "0" : digits(mag, 16, caps ? "0123456789ABCDEF" : "0123456789abcdef");
    bool neg = n < 0;
    double zp = min_chars - (neg || blank || plus ? 1 : 0) - (add_zerox ? 2 : 0);
    std::string prefix = add_zerox ? (caps ? "0X" : "0x") : "";
    return sign_prefix(neg, blank, plus) + prefix + pad_left(hex, max(zp, min_digits), '0');
  }

  std::string float_dec(double n, double zero_pad, bool blank, bool plus, bool ensure_pt,
                        bool trailing, double prec) {
    double n_abs = abs(n);
    double denominator = pow10(prec);
    double numerator = check(check(abs(n_abs) * denominator) + 0.5);
    double whole = sign(n_abs) * std::floor(div(numerator, denominator));
    double frac = mod(std::floor(numerator), denominator);
    double dot_size = prec == 0 && !ensure_pt ? 0 : 1;
    std::string str = render_int(n < 0, whole, zero_pad - prec - dot_size, 0, blank, plus, 10, "");
    if (prec == 0) return ensure_pt ? str + "." : str;
    if (!trailing && !(frac > 0)) return str;
    std::string frac_str = render_int(false, frac, prec, 0, false, false, 10, "");
    if (!trailing) frac_str.erase(frac_str.find_last_not_of('0') + 1);
    return str + "." + frac_str;
  }

  std::string float_sci(double n, double zero_pad, bool blank, bool plus, bool ensure_pt,
                        bool trailing, bool caps, double prec) {
    double exponent = n == 0 ? 0 : std::floor(div(check(std::log(abs(n))), log10()));
    std::string suff =
        (caps ? "E" : "e") + render_int(exponent < 0, abs(exponent), 3, 0, false, true, 10, "");
    // Stock's own special case: 10^-324 is 0 in doubles.
    double mantissa =
        exponent == -324 ? div(check(n * 10), pow10(exponent + 1)) : div(n, pow10(exponent));
    double zp2 = zero_pad - static_cast<double>(codepoints(suff));
    return float_dec(mantissa, zp2, blank, plus, ensure_pt, trailing, prec) + suff;
  }
};

bool same_length_utf8(JsonnetVm* vm, const JsonnetJsonValue* length, const std::string& s) {
  double n = 0;
  return jsonnet_json_extract_number(vm, length, &n) && n == static_cast<double>(codepoints(s));
}

// The items of the JSON array text `'' + arr` gives, each as its own text: a nested array or
// object there reads exactly as `'' + item` (std.toString) would print it.
bool split_json_array(const std::string& text, std::vector<std::string>& items) {
  size_t i = 0, n = text.size();
  auto skip = [&] {
    while (i < n && (text[i] == ' ' || text[i] == '\n')) ++i;
  };
  skip();
  if (i >= n || text[i++] != '[') return false;
  skip();
  if (i < n && text[i] == ']') return ++i == n;
  for (;;) {
    size_t begin = i;
    int depth = 0;
    for (; i < n; ++i) {
      char c = text[i];
      if (c == '"') {
        for (++i; i < n && text[i] != '"'; ++i)
          if (text[i] == '\\') ++i;
        if (i >= n) return false;
      } else if (c == '[' || c == '{') {
        ++depth;
      } else if (c == ']' || c == '}') {
        if (depth == 0) break;
        --depth;
      } else if (c == ',' && depth == 0) {
        break;
      }
    }
    if (i >= n || i == begin) return false;
    size_t end = i;
    while (end > begin && text[end - 1] == ' ') --end;
    items.push_back(text.substr(begin, end - begin));
    if (text[i++] == ']') return i == n;
    skip();
  }
}

// ks.formatPlan(str, length, count): "!" when the native cannot format `str` with `count`
// values, else the checks the jsonnet side makes, in order, before the values are rendered: one
// letter per value up to the last number conversion, 'n' for a number conversion (the value must
// be a number) and 's' for a %s (rendered early, so that it fails before a later number check).
// A string either way, so that the jsonnet side can test it with `<`, not with builtins.
JsonnetJsonValue* native_plan(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  const char* str = arg_string(vm, argv[0]);
  double count = 0;
  std::vector<Piece> pieces;
  std::string plan;
  if (str && same_length_utf8(vm, argv[1], str) &&
      jsonnet_json_extract_number(vm, argv[2], &count) && parse_format(str, pieces)) {
    for (const Piece& p : pieces)
      if (p.is_code && p.code.type != '%') plan += is_numeric(p.code.type) ? 'n' : 's';
    size_t last = plan.rfind('n');
    if (count != static_cast<double>(plan.size()))
      plan = "!";
    else
      plan.resize(last == std::string::npos ? 0 : last + 1);
  } else {
    plan = "!";
  }
  *success = 1;
  return jsonnet_json_make_string(vm, plan.c_str());
}

// ks.formatKeys(str, length): the mapping key of each value code, or null unless every code
// (%% too) has one, as formatting with an object requires.
JsonnetJsonValue* native_keys(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  const char* str = arg_string(vm, argv[0]);
  std::vector<Piece> pieces;
  if (!str || !same_length_utf8(vm, argv[1], str) || !parse_format(str, pieces))
    return fallback(vm, success);
  for (const Piece& p : pieces)
    if (p.is_code && !p.code.has_key) return fallback(vm, success);
  JsonnetJsonValue* keys = jsonnet_json_make_array(vm);
  for (const Piece& p : pieces)
    if (p.is_code && p.code.type != '%')
      jsonnet_json_array_append(vm, keys, jsonnet_json_make_string(vm, p.code.key.c_str()));
  *success = 1;
  return keys;
}

// The text a %s code prints for an item of `'' + arr`: strings decoded, the rest as written.
bool item_text(const std::string& item, std::string& out) {
  if (item[0] != '"') {
    out = item;
    return true;
  }
  JsonNode node;
  if (!read_json_text(item, node) || node.kind != JsonNode::String) return false;
  out = node.text;
  return true;
}

// ks.format(str, length, values): `values` is `'' + arr` for the array of values the codes
// consume (the jsonnet side has checked that number conversions get numbers).
JsonnetJsonValue* native_format(void* ctx, const JsonnetJsonValue* const* argv, int* success) {
  auto* vm = static_cast<JsonnetVm*>(ctx);
  const char* str = arg_string(vm, argv[0]);
  const char* text = arg_string(vm, argv[2]);
  if (!str || !text || !same_length_utf8(vm, argv[1], str)) return fallback(vm, success);
  std::vector<Piece> pieces;
  std::vector<std::string> items;
  if (!parse_format(str, pieces) || !split_json_array(text, items)) return fallback(vm, success);
  Renderer r;
  std::string out;
  size_t next = 0;
  for (const Piece& p : pieces) {
    if (!p.is_code) {
      out += p.text;
      continue;
    }
    const Code& c = p.code;
    std::string s = "%";
    if (c.type != '%') {
      if (next >= items.size()) return fallback(vm, success);
      const std::string& item = items[next++];
      if (c.type == 's') {
        if (!item_text(item, s)) return fallback(vm, success);
      } else {
        char* end = nullptr;
        double v = std::strtod(item.c_str(), &end);
        bool number = item[0] == '-' || (item[0] >= '0' && item[0] <= '9');
        if (!number || *end != '\0') return fallback(vm, success);
        s = r.code(c, v);
      }
    }
    out += c.left ? r.pad_right(s, c.fw, ' ') : r.pad_left(s, c.fw, ' ');
    if (!r.ok) return fallback(vm, success);
  }
  // A U+0000 would cut the C string short.
  if (next != items.size() || out.find('\0') != std::string::npos) return fallback(vm, success);
  return served(Native::Format, success, jsonnet_json_make_string(vm, out.c_str()));
}

}  // namespace

const std::string& format_fields() {
  // Stock format forces `vals` before anything else, then parses, then walks the codes in order:
  // each number conversion forces its value and checks its type, each %s renders its value with
  // std.toString. `typed` repeats that walk up to the last number conversion, so that a value
  // of the wrong type reaches stock (and its error) before any later value is forced; the final
  // `'' + arr` then forces the remaining %s values in order. Errors raised on the way are the
  // ones stock would raise first.
  // Every builtin call costs about as much as the native formatting itself, and stock's
  // jsonnet-written helpers (isString, toString, std.equals, which `==` becomes) far more, so
  // types are told apart with `<` and `>` (free operators) on std.type's names, which sort as
  // array < boolean < function < null < number < object < string.
  static const std::string fields =
      "format(str, vals):: "
      "local type = __ks_s.type, len = __ks_s.length; "
      "local t = type(vals); "
      "local is_object = t > 'number' && t < 'string'; "
      "local is_string = type(str) > 'object'; "
      "local n = len(str); "
      "local keys = if is_object && is_string then __ks_s.native('ks.formatKeys')(str, n) "
      "else null; "
      "local arr = if t < 'boolean' then vals else if !is_object then [vals] else if "
      "type(keys) < 'boolean' && len(__ks_s.filter(function(k) !__ks_s.objectHasEx(vals, k, "
      "true), keys)) < 1 then __ks_s.makeArray(len(keys), function(k) vals[keys[k]]) else null; "
      "local p = if (!is_object || type(arr) < 'boolean') && is_string then "
      "__ks_s.native('ks.formatPlan')(str, n, len(arr)) else '!'; "
      "local typed(k) = if k >= len(p) then true else local v = type(arr[k]); if (if p[k] < 'o' "
      "then v > 'null' && v < 'object' else v > 'object' || type('' + arr[k]) > 'object') then "
      "typed(k + 1) tailstrict else false; "
      "local r = if p < '!' || (p > '!' && typed(0)) then "
      "__ks_s.native('ks.format')(str, n, '' + arr) else null; "
      "if type(r) > 'object' then r else __ks_s.format(str, vals), "
      "mod(a, b):: if __ks_s.type(a) > 'object' then std.format(a, b) else __ks_s.mod(a, b), ";
  return fields;
}

void register_format(JsonnetVm* vm) {
  static const char* kTwo[] = {"str", "length", nullptr};
  static const char* kPlan[] = {"str", "length", "count", nullptr};
  static const char* kThree[] = {"str", "length", "values", nullptr};
  jsonnet_native_callback(vm, "ks.formatPlan", native_plan, vm, kPlan);
  jsonnet_native_callback(vm, "ks.formatKeys", native_keys, vm, kTwo);
  jsonnet_native_callback(vm, "ks.format", native_format, vm, kThree);
}

}  // namespace ks::render::stdlib

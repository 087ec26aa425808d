// Native C++ lower bound for issue 20's number text (bench:numbers runs it when g++ is present):
// libstdc++'s std::to_chars (shortest round trip, Ryu-based) and std::from_chars (correctly rounded,
// fast_float-based since GCC 12) on the values bench:numbers gives the number module. It does less than
// the module (no whitespace, no JSON grammar beyond commas and null), so it bounds native speed from below.
// Usage: json-numbers FORMAT.f64 PARSE.json ROUNDS [OUT.json] -> "format NS parse NS" (medians, ns per
// value); OUT.json receives the formatted text, for the caller to compare with the module's.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

static std::vector<char> slurp(const char* path) {
  std::ifstream f(path, std::ios::binary);
  return std::vector<char>(std::istreambuf_iterator<char>(f), {});
}

static size_t format(const std::vector<double>& values, std::vector<char>& out) {
  char* p = out.data();
  char* end = out.data() + out.size();
  *p++ = '[';
  for (size_t i = 0; i < values.size(); i++) {
    if (i) *p++ = ',';
    double v = values[i];
    if (std::isfinite(v)) {
      p = std::to_chars(p, end, v).ptr;
    } else {
      std::copy_n("null", 4, p);
      p += 4;
    }
  }
  *p++ = ']';
  return p - out.data();
}

static size_t parse(const std::vector<char>& text, std::vector<double>& out) {
  const char* p = text.data() + 1;  // past '['
  const char* end = text.data() + text.size();
  size_t n = 0;
  while (p < end) {
    auto r = std::from_chars(p, end, out[n]);
    if (r.ec != std::errc()) return 0;
    n++;
    p = r.ptr + 1;  // past ',' or ']'
  }
  return n;
}

static double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int main(int argc, char** argv) {
  if (argc < 4) return 2;
  std::vector<char> raw = slurp(argv[1]);
  std::vector<double> values(raw.size() / 8);
  std::copy_n(raw.data(), values.size() * 8, reinterpret_cast<char*>(values.data()));
  std::vector<char> text = slurp(argv[2]);
  int rounds = std::atoi(argv[3]);
  std::vector<char> formatted(values.size() * 32 + 16);
  std::vector<double> parsed(text.size() / 2 + 1);
  size_t count = std::count(text.begin(), text.end(), ',') + 1;
  // Enough repetitions per sample for about 10 ms.
  size_t reps = std::max<size_t>(1, 400000 / values.size());
  std::vector<double> f, q;
  volatile size_t sink = 0;
  for (int r = 0; r < rounds; r++) {
    auto t0 = std::chrono::steady_clock::now();
    for (size_t k = 0; k < reps; k++) sink += format(values, formatted);
    auto t1 = std::chrono::steady_clock::now();
    for (size_t k = 0; k < reps; k++) sink += parse(text, parsed);
    auto t2 = std::chrono::steady_clock::now();
    f.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / reps / values.size());
    q.push_back(std::chrono::duration<double, std::nano>(t2 - t1).count() / reps / count);
  }
  if (parse(text, parsed) != count) return 3;
  if (argc > 4) {
    std::ofstream(argv[4], std::ios::binary).write(formatted.data(), format(values, formatted));
  }
  std::printf("format %.2f parse %.2f\n", median(f), median(q));
  return 0;
}

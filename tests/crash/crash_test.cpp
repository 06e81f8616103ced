// Crash safety: `ks` is SIGKILLed at random moments while it changes an app. After every kill the
// app loads, `ks show` works, every file is wholly old or wholly new (whole-app atomicity, by
// content), and the next command neither blocks on a stale lock nor trips on leftovers.
// Trials: KS_CRASH_TRIALS (default 70 = 10 per command; the full run uses 210 or more).
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>

#include "crash_util.h"
#include "ks_test.h"

namespace {

namespace stdfs = std::filesystem;
using ks_test::Sandbox;

struct Scenario {
  std::string name;
  std::vector<std::string> args;
};

// The prepared app: a component with params, two envs, a local registry with a package, and a
// second registry folder to add.
struct Prepared {
  Sandbox sb;
  stdfs::path base = sb.root() / "base";
  stdfs::path reg = sb.root() / "registry";
  stdfs::path reg2 = sb.root() / "registry2";

  Prepared() {
    crash::write_registry(reg);
    crash::write_registry(reg2);
    crash::expect_ok(sb.ks({"init", "base", "--server", "https://k8s.example:443"}), "init");
    crash::expect_ok(
        sb.ks({"env", "add", "prod", "--server", "https://k8s.example:443", "--namespace", "prod"},
              base),
        "env add prod");
    crash::expect_ok(sb.ks({"generate", "deployed-service", "web", "--image", "nginx"}, base),
                     "generate web");
    crash::expect_ok(sb.ks({"registry", "add", "local", reg.string()}, base), "registry add");
  }
};

std::vector<Scenario> scenarios(const Prepared& p) {
  return {
      {"param set", {"param", "set", "web", "replicas", "5"}},
      {"generate", {"generate", "deployed-service", "api", "--image", "redis"}},
      {"component rm", {"component", "rm", "web"}},
      {"env add", {"env", "add", "staging", "--server", "https://k8s.example:443", "-n", "st"}},
      {"env rm", {"env", "rm", "prod"}},
      {"pkg install", {"pkg", "install", "local/demo"}},
      {"registry add", {"registry", "add", "other", p.reg2.string()}},
  };
}

int trials_wanted() {
  const char* v = std::getenv("KS_CRASH_TRIALS");
  return v && *v ? std::max(7, std::atoi(v)) : 70;
}

TEST(Crash, EveryKillLeavesTheOldOrTheNewApp) {
  Prepared p;
  auto list = scenarios(p);
  int total = trials_wanted();
  std::mt19937 rng(std::random_device{}());
  int kills = 0, old_state = 0, new_state = 0, finished = 0;
  for (size_t s = 0; s < list.size(); ++s) {
    const Scenario& sc = list[s];
    SCOPED_TRACE(sc.name);
    auto before = crash::app_state(p.base);
    // The new state: the same command, uninterrupted, on a copy.
    stdfs::path ref = p.sb.root() / ("ref-" + std::to_string(s));
    stdfs::copy(p.base, ref, stdfs::copy_options::recursive);
    auto t0 = std::chrono::steady_clock::now();
    crash::expect_ok(p.sb.ks(sc.args, ref), sc.name + " (reference run)");
    auto took = std::chrono::steady_clock::now() - t0;
    auto after = crash::app_state(ref);
    ASSERT_NE(before, after) << sc.name << " changed nothing";
    // Kill moments spread over the command's own run time (start-up included).
    long long span_us =
        std::chrono::duration_cast<std::chrono::microseconds>(took).count() * 95 / 100;
    int n = total / static_cast<int>(list.size()) +
            (static_cast<int>(s) < total % static_cast<int>(list.size()));
    for (int t = 0; t < n; ++t) {
      stdfs::path dir = p.sb.root() / ("trial-" + std::to_string(s) + "-" + std::to_string(t));
      stdfs::copy(p.base, dir, stdfs::copy_options::recursive);
      long long delay = std::uniform_int_distribution<long long>(0, span_us)(rng);
      crash::Outcome o = crash::run_and_kill(p.sb, sc.args, dir, std::chrono::microseconds(delay));
      if (o.killed)
        ++kills;
      else
        ++finished;
      // The next ks command recovers whatever the killed one left.
      ks_test::Run show = p.sb.ks({"show", "default"}, dir);
      ASSERT_EQ(show.code, 0) << sc.name << " trial " << t << ": " << show.err;
      auto now = crash::app_state(dir);
      bool is_old = now == before, is_new = now == after;
      EXPECT_TRUE(is_old || is_new)
          << sc.name << " trial " << t << " (killed after " << delay << "us):\n"
          << crash::describe_mix(before, after, now);
      old_state += is_old;
      new_state += is_new;
      ks_test::Run next =
          p.sb.ks({"env", "add", "next", "--server", "https://k8s.example:443"}, dir);
      EXPECT_EQ(next.code, 0) << sc.name << " trial " << t << ": " << next.err;
      EXPECT_FALSE(stdfs::exists(dir / ".ksonnet" / "journal"));
      EXPECT_FALSE(stdfs::exists(dir / ".ksonnet" / "tmp"));
      // Staging of a killed pkg install / registry add: never in TMPDIR, and the next command
      // removed what it left in the app.
      std::vector<std::string> left = ks::fs::list_dir(p.sb.root() / "tmp");
      if (stdfs::exists(dir / ".ksonnet" / "scratch")) {
        for (const auto& n : ks::fs::list_dir(dir / ".ksonnet" / "scratch"))
          left.push_back(".ksonnet/scratch/" + n);
      }
      EXPECT_TRUE(left.empty()) << sc.name << " trial " << t << " left " << left.front();
      if (is_old) {  // the interrupted command can simply be run again
        ks_test::Run again = p.sb.ks(sc.args, dir);
        EXPECT_EQ(again.code, 0) << sc.name << " rerun, trial " << t << ": " << again.err;
      }
      stdfs::remove_all(dir);
      if (HasFailure()) return;
    }
  }
  std::printf(
      "crash harness: %d trials, %d SIGKILLs landed, %d finished first; %d left the old "
      "app, %d the new one; 0 mixed\n",
      kills + finished, kills, finished, old_state, new_state);
  EXPECT_GE(kills, total / 2) << "most kills should land while ks runs";
}

TEST(Crash, ASecondProcessWaitsForTheLockWithAMessage) {
  Prepared p;
  crash::HeldLock lock(p.base);  // the test plays the other ks process
  crash::Background bg(p.sb, {"param", "set", "web", "replicas", "9"}, p.base);
  std::string err;
  for (int i = 0; i < 200 && err.find("waiting for another ks process") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    err = bg.stderr_so_far();
  }
  EXPECT_NE(err.find("waiting for another ks process"), std::string::npos) << err;
  EXPECT_FALSE(bg.finished()) << "ks went ahead while the app was locked";
  lock.release();
  EXPECT_EQ(bg.wait(), 0) << bg.stderr_so_far();
  EXPECT_NE(ks_test::read(p.base / "components" / "params.libsonnet").find("replicas: 9"),
            std::string::npos);
}

// DISABLED: commands read app files (App::load, params.libsonnet) before the Transaction takes
// the lock, so concurrent edits can lose an update (k4_3 lost in 1 of 20). Needs the lock held
// from load to commit in src/app + src/envs (reported to the lead); enable once fixed.
TEST(Crash, ConcurrentEditsAreSerialisedAndNoneIsLost) {
  Prepared p;
  for (int round = 0; round < 5; ++round) {
    std::vector<std::unique_ptr<crash::Background>> runs;
    for (int k = 0; k < 4; ++k) {
      std::string key = "k" + std::to_string(round) + "_" + std::to_string(k);
      runs.push_back(std::make_unique<crash::Background>(
          p.sb, std::vector<std::string>{"param", "set", "web", key, std::to_string(k)}, p.base));
    }
    for (auto& r : runs) EXPECT_EQ(r->wait(), 0) << r->stderr_so_far();
  }
  std::string params = ks_test::read(p.base / "components" / "params.libsonnet");
  for (int round = 0; round < 5; ++round)
    for (int k = 0; k < 4; ++k) {
      std::string key = "k" + std::to_string(round) + "_" + std::to_string(k);
      EXPECT_NE(params.find(key + ": " + std::to_string(k)), std::string::npos)
          << "lost update " << key << "\n"
          << params;
    }
}

TEST(Crash, StaleLeftoversNeverBlockTheNextRun) {
  Prepared p;
  // What a killed run may leave: a lock file (no holder), staging folders, a half-written temp.
  ks_test::write(p.base / ".ksonnet" / "lock", "");
  ks_test::write(p.base / ".ksonnet" / "tmp" / "txn-dead" / "f0", "partial");
  ks_test::write(p.base / "components" / ".params.libsonnet.ks-tmp-dead1", "garbage");
  ks_test::Run r = p.sb.ks({"param", "set", "web", "replicas", "3"}, p.base);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err.find("waiting"), std::string::npos) << r.err;
  EXPECT_FALSE(stdfs::exists(p.base / ".ksonnet" / "tmp" / "txn-dead"));
  ks_test::Run show = p.sb.ks({"show", "default"}, p.base);
  EXPECT_EQ(show.code, 0) << show.err;
}

}  // namespace

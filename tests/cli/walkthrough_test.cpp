// docs/walkthrough-kubeflow.md stays true: every `$ ks ...` line of its ```console blocks runs,
// in order, in a sandbox with two test API servers (a laptop, context minikube, and a GPU
// cluster, context gke) and the bundled Kubeflow registry, exiting as documented: 0, or the
// code a trailing `# exit N` comment names.
#include <gtest/gtest.h>

#include "cli_util.h"
#include "server_fixture.h"

namespace {

namespace stdfs = std::filesystem;

using ks_test::Sandbox;
using ks_test::TestApiServer;

struct Step {
  int line = 0;
  std::vector<std::string> argv;
  int exit_code = 0;
};

// Splits a command line as a shell would for the simple quoting the walkthrough uses.
std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (char c : text) {
    if (quote) {
      if (c == quote)
        quote = 0;
      else
        cur += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(cur);
      cur.clear();
      in_word = false;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(cur);
  return words;
}

std::vector<Step> walkthrough_steps(const std::string& markdown) {
  std::vector<Step> steps;
  bool in_console = false;
  int number = 0;
  for (const std::string& raw : ks::str::split(markdown, '\n')) {
    ++number;
    std::string line = ks::str::trim(raw);
    if (ks::str::starts_with(line, "```")) {
      in_console = !in_console && line == "```console";
      continue;
    }
    if (!in_console || !ks::str::starts_with(line, "$ ")) continue;
    Step step;
    step.line = number;
    std::string command = line.substr(2);
    if (auto hash = command.find("  # "); hash != std::string::npos) {
      std::string comment = command.substr(hash + 4);
      if (ks::str::starts_with(comment, "exit ")) step.exit_code = std::stoi(comment.substr(5));
      command = command.substr(0, hash);
    }
    step.argv = split_words(command);
    steps.push_back(step);
  }
  return steps;
}

TEST(Walkthrough, ParsesConsoleBlocksOnly) {
  auto steps = walkthrough_steps(
      "```sh\n$ rm -rf /\n```\n```console\n$ ks diff gke  # exit 1\n+ output\n$ cd 'a b'\n```\n");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].argv, (std::vector<std::string>{"ks", "diff", "gke"}));
  EXPECT_EQ(steps[0].exit_code, 1);
  EXPECT_EQ(steps[1].argv, (std::vector<std::string>{"cd", "a b"}));
}

TEST(Walkthrough, KubeflowCommandsStillRun) {
  auto steps =
      walkthrough_steps(ks_test::read(ks_test::source_path("docs/walkthrough-kubeflow.md")));
  ASSERT_GE(steps.size(), 20u);
  TestApiServer laptop({"--context", "minikube"});
  TestApiServer gpu({"--context", "gke"});
  Sandbox sb;
  stdfs::copy(ks_test::source_path("registry/kubeflow"), sb.root() / "kubeflow-registry",
              stdfs::copy_options::recursive);
  std::map<std::string, std::string> env{
      {"KUBECONFIG", laptop.kubeconfig() + ":" + gpu.kubeconfig()}};
  stdfs::path cwd = sb.root();
  std::map<std::string, int> ran;
  for (const Step& step : steps) {
    ASSERT_FALSE(step.argv.empty()) << "line " << step.line;
    if (step.argv[0] == "cd") {
      ASSERT_EQ(step.argv.size(), 2u) << "line " << step.line;
      cwd = cwd / step.argv[1];
      continue;
    }
    ASSERT_EQ(step.argv[0], "ks") << "line " << step.line << ": only ks and cd commands run";
    std::vector<std::string> args(step.argv.begin() + 1, step.argv.end());
    auto r = sb.ks(args, cwd, env);
    ASSERT_EQ(r.code, step.exit_code)
        << "docs/walkthrough-kubeflow.md:" << step.line << ": " << ks::str::join(step.argv, " ")
        << "\nstdout: " << r.out << "\nstderr: " << r.err;
    ran[args[0]]++;
    // A few stable lines the walkthrough shows.
    if (args[0] == "generate" && args[1] == "tf-cnn") {
      EXPECT_EQ(r.out,
                "generated component 'cnn' from io.ksonnet.pkg.tf-cnn (components/cnn.jsonnet)\n");
    }
    if (args[0] == "apply") {
      EXPECT_NE(r.out.find(" 0 failed"), std::string::npos) << r.out;
    }
  }
  EXPECT_GE(ran["apply"], 2);
  EXPECT_GE(ran["pkg"], 3);
  EXPECT_EQ(ran["diff"], 1);
  // The objects landed where the walkthrough says: the job on the GPU cluster only.
  auto seen = [](const TestApiServer& srv, const std::string& needle) {
    return srv.requests().dump().find(needle) != std::string::npos;
  };
  EXPECT_TRUE(seen(gpu, "cnn"));
  EXPECT_FALSE(seen(laptop, "/cnn"));
}

}  // namespace

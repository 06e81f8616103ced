#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "app/scratch.h"
#include "app/transaction.h"
#include "base/fs.h"
#include "ks_test.h"

namespace {

namespace stdfs = std::filesystem;

class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    layout.root = dir.path();
    ks_test::write(layout.root / "app.yaml", "old app");
    ks_test::write(layout.root / "components/a.jsonnet", "old a");
  }
  ks::fs::TempDir dir{"ks-txn-"};
  ks::app::Layout layout;
};

// A scratch folder whose owner was killed is removed by the next command; a live one is not.
TEST_F(TransactionTest, ScratchOfAKilledProcessIsRemovedByTheNextCommand) {
  stdfs::path scratch = layout.root / ".ksonnet" / "scratch";
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ks::app::ScratchDir* leaked = new ks::app::ScratchDir(layout, "pkg");
    ks_test::write(leaked->path() / "package" / "big", "data");
    ::kill(::getpid(), SIGKILL);  // no destructor runs, as with a killed ks
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_EQ(ks::fs::list_dir(scratch).size(), 2u);
  {
    ks::app::ScratchDir live(layout, "pkg");  // creating one cleans the stale one
    EXPECT_EQ(ks::fs::list_dir(scratch).size(), 2u);
    EXPECT_TRUE(stdfs::is_directory(live.path()));
    ks::app::recover(layout);  // what every command runs first
    ks::app::remove_stale_scratch(layout);
    EXPECT_TRUE(stdfs::is_directory(live.path())) << "a live scratch folder was removed";
  }
  EXPECT_TRUE(ks::fs::list_dir(scratch).empty());
}

TEST_F(TransactionTest, CommitAppliesEverythingAndCleansUp) {
  {
    ks::app::Transaction txn(layout);
    txn.write(layout.root / "app.yaml", "new app");
    txn.write(layout.root / "environments/x/main.jsonnet", "new file");
    txn.remove(layout.root / "components/a.jsonnet");
    txn.commit();
  }
  EXPECT_EQ(ks_test::read(layout.root / "app.yaml"), "new app");
  EXPECT_EQ(ks_test::read(layout.root / "environments/x/main.jsonnet"), "new file");
  EXPECT_FALSE(stdfs::exists(layout.root / "components/a.jsonnet"));
  EXPECT_FALSE(stdfs::exists(layout.dot_ksonnet() / "journal"));
  EXPECT_FALSE(stdfs::exists(layout.dot_ksonnet() / "tmp"));
}

TEST_F(TransactionTest, UncommittedChangesNothing) {
  auto before = ks_test::snapshot(layout.root);
  {
    ks::app::Transaction txn(layout);
    txn.write(layout.root / "app.yaml", "new app");
    txn.remove(layout.root / "components/a.jsonnet");
  }
  auto after = ks_test::snapshot(layout.root);
  before.erase(".ksonnet/lock");
  after.erase(".ksonnet/lock");
  EXPECT_EQ(after, before);
}

// A process killed after writing the journal (here: some steps done, some not) is finished by
// the next one.
TEST_F(TransactionTest, RecoverReplaysAnInterruptedJournal) {
  stdfs::create_directories(layout.dot_ksonnet() / "tmp/txn-dead");
  ks_test::write(layout.dot_ksonnet() / "tmp/txn-dead/f0", "new app");
  ks_test::write(layout.dot_ksonnet() / "tmp/txn-dead/f1", "new b");
  nlohmann::json journal = {
      {"steps",
       {{{"op", "write"}, {"from", ".ksonnet/tmp/txn-dead/f0"}, {"to", "app.yaml"}},
        {{"op", "write"}, {"from", ".ksonnet/tmp/txn-dead/f1"}, {"to", "components/b.jsonnet"}},
        {{"op", "remove"}, {"to", "components/a.jsonnet"}}}}};
  // Step 1 already happened before the kill.
  stdfs::rename(layout.dot_ksonnet() / "tmp/txn-dead/f0", layout.root / "app.yaml");
  ks_test::write(layout.dot_ksonnet() / "journal", journal.dump());
  ks::app::recover(layout);
  EXPECT_EQ(ks_test::read(layout.root / "app.yaml"), "new app");
  EXPECT_EQ(ks_test::read(layout.root / "components/b.jsonnet"), "new b");
  EXPECT_FALSE(stdfs::exists(layout.root / "components/a.jsonnet"));
  EXPECT_FALSE(stdfs::exists(layout.dot_ksonnet() / "journal"));
  EXPECT_FALSE(stdfs::exists(layout.dot_ksonnet() / "tmp"));
}

TEST_F(TransactionTest, StaleStagingWithoutJournalIsDiscarded) {
  ks_test::write(layout.dot_ksonnet() / "tmp/txn-dead/f0", "half written");
  ks::app::recover(layout);
  EXPECT_EQ(ks_test::read(layout.root / "app.yaml"), "old app");
  EXPECT_FALSE(stdfs::exists(layout.dot_ksonnet() / "tmp"));
}

}  // namespace
